import { afterEach, describe, expect, it } from "vitest";
import { clientFor, closeAll, collect, startEmulator } from "./support.js";

afterEach(closeAll);

const FAST = { pollIntervalMs: 5, maxPollIntervalMs: 20 };
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("endpoint groups", () => {
  it("adds the tenant's endpoints to a group by id, reports ids it does not have, and takes members out", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const [first, second] = server.endpoints(server.ids.tenant);
    const { data: group } = await tenant.POST("/endpoint/v1/endpoint-groups", { body: { name: "Finance laptops", type: "computer" } });
    const groupId = group!.id;
    // A new group is empty.
    expect(await collect(tenant.paginate("/endpoint/v1/endpoint-groups/{groupId}/endpoints", { params: { path: { groupId } } }))).toEqual([]);

    const { data: added, response } = await tenant.POST("/endpoint/v1/endpoint-groups/{groupId}/endpoints", {
      params: { path: { groupId } },
      body: { ids: [first!.id, UNKNOWN, second!.id] },
    });
    expect(response.status).toBe(201);
    expect(added!.addedEndpoints.map((e) => e.id)).toEqual([first!.id, second!.id]);
    expect(added!.errors?.endpointsNotFound).toEqual([UNKNOWN]);

    // Members carry what the endpoint list knows of them.
    const members = await collect(tenant.paginate("/endpoint/v1/endpoint-groups/{groupId}/endpoints", { params: { path: { groupId } } }));
    expect(members.map((m) => [m.id, m.hostname])).toEqual([
      [first!.id, first!.hostname],
      [second!.id, second!.hostname],
    ]);

    const { data: removed } = await tenant.DELETE("/endpoint/v1/endpoint-groups/{groupId}/endpoints", {
      params: { path: { groupId }, query: { ids: [first!.id, UNKNOWN] } },
    });
    expect(removed!.removedEndpoints.map((e) => e.id)).toEqual([first!.id]);
    expect(removed!.errors?.endpointsNotFound).toEqual([UNKNOWN]);
    // One member at a time, too; a second removal finds nothing.
    const one = { params: { path: { groupId, endpointId: second!.id } } };
    expect((await tenant.DELETE("/endpoint/v1/endpoint-groups/{groupId}/endpoints/{endpointId}", one)).response.status).toBe(200);
    expect((await tenant.DELETE("/endpoint/v1/endpoint-groups/{groupId}/endpoints/{endpointId}", one)).response.status).toBe(404);
    expect(await collect(tenant.paginate("/endpoint/v1/endpoint-groups/{groupId}/endpoints", { params: { path: { groupId } } }))).toEqual([]);
  });

  it("keeps each tenant's groups apart, and refuses members for a group that does not exist", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const { response } = await tenant.POST("/endpoint/v1/endpoint-groups/{groupId}/endpoints", {
      params: { path: { groupId: UNKNOWN } },
      body: { ids: [server.endpoints(server.ids.tenant)[0]!.id] },
    });
    expect(response.status).toBe(404);
  });
});

describe("deleting endpoints", () => {
  it("deletes one endpoint, then several, and the list no longer shows them", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const [a, b, c] = server.endpoints(server.ids.tenant);
    const before = server.endpoints(server.ids.tenant).length;

    const { data: one } = await tenant.DELETE("/endpoint/v1/endpoints/{endpointId}", { params: { path: { endpointId: a!.id } } });
    expect(one).toEqual({ deleted: true });
    const { response: again } = await tenant.DELETE("/endpoint/v1/endpoints/{endpointId}", { params: { path: { endpointId: a!.id } } });
    expect(again.status).toBe(404);

    const { data: many } = await tenant.POST("/endpoint/v1/endpoints/delete", { body: { endpointIds: [b!.id, UNKNOWN, c!.id] } });
    expect(many).toEqual({ endpointIds: [b!.id, c!.id] });

    const left = await collect(tenant.paginate("/endpoint/v1/endpoints", { params: { query: { pageSize: 2 } } }));
    expect(left).toHaveLength(before - 3);
    expect(left.map((e) => e.id)).not.toContain(b!.id);
    // A deleted endpoint cannot join a group.
    const { data: group } = await tenant.POST("/endpoint/v1/endpoint-groups", { body: { name: "Servers", type: "computer" } });
    const { data: added } = await tenant.POST("/endpoint/v1/endpoint-groups/{groupId}/endpoints", { params: { path: { groupId: group!.id } }, body: { ids: [c!.id] } });
    expect(added!.errors?.endpointsNotFound).toEqual([c!.id]);
  });

  it("refuses a body in another shape, naming the field", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    // @ts-expect-error the field is `endpointIds`
    const { response, error } = await tenant.POST("/endpoint/v1/endpoints/delete", { body: { ids: [UNKNOWN] } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(error)).toMatch(/endpointIds|ids/);
  });
});

describe("endpoint files", () => {
  it("collects an endpoint's forensic logs as a job and names the file once finished", async () => {
    const server = await startEmulator({ jobs: { polls: 2 } });
    const tenant = clientFor(server, "tenant");
    const endpointId = server.endpoints(server.ids.tenant)[0]!.id;
    const statuses: string[] = [];
    const job = await tenant.runJob(
      "/endpoint/v1/endpoints/{endpointId}/forensic-logs",
      { params: { path: { endpointId } }, body: { expires: "PT4H" } },
      { ...FAST, onStatus: (status) => statuses.push(status.status) },
    );
    expect(job.params).toEqual({ endpointId, forensicLogRequestId: job.started.id });
    expect(job.latest).toMatchObject({ id: job.started.id, status: "finished" });
    expect(statuses.at(-1)).toBe("finished");
    expect(server.count("GET /endpoint/v1/endpoints/{endpointId}/forensic-logs/{forensicLogRequestId}")).toBe(statuses.length);
  });

  it("refuses a collection for an endpoint the tenant does not have, and a duration that is not ISO 8601", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    await expect(tenant.startJob("/endpoint/v1/endpoints/{endpointId}/memory-dumps", { params: { path: { endpointId: UNKNOWN } }, body: { mode: "process", pid: 4 } })).rejects.toMatchObject({ status: 404 });
    const endpointId = server.endpoints(server.ids.tenant)[0]!.id;
    await expect(
      tenant.startJob("/endpoint/v1/endpoints/{endpointId}/memory-dumps", { params: { path: { endpointId } }, body: { mode: "process", pid: 4, expires: "4 hours" } }),
    ).rejects.toMatchObject({ status: 400, body: { message: expect.stringContaining('"expires"') } });
  });
});

describe("policies", () => {
  it("creates a policy, finds it in the list, changes and deletes it", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const { data: created, response } = await tenant.POST("/endpoint/v1/policies", { body: { name: "Kiosk threat protection", type: "threat-protection", enabled: false } });
    expect(response.status).toBe(201);
    expect(created).toMatchObject({ name: "Kiosk threat protection", type: "threat-protection", enabled: false });
    const policyId = created!.id;
    expect((await collect(tenant.paginate("/endpoint/v1/policies"))).map((p) => p.id)).toContain(policyId);

    const { data: changed } = await tenant.PATCH("/endpoint/v1/policies/{policyId}", { params: { path: { policyId } }, body: { enabled: true } });
    expect(changed).toMatchObject({ id: policyId, enabled: true, name: "Kiosk threat protection" });

    await tenant.DELETE("/endpoint/v1/policies/{policyId}", { params: { path: { policyId } } });
    const { response: gone } = await tenant.GET("/endpoint/v1/policies/{policyId}", { params: { path: { policyId } } });
    expect(gone.status).toBe(404);
  });

  it("reads a base policy by type, and refuses a type Sophos does not have", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    const { response } = await tenant.GET("/endpoint/v1/policies/{policyType}/base", { params: { path: { policyType: "web-control" } } });
    expect(response.status).toBe(200);
    // @ts-expect-error not a policy type
    const { response: wrong, error } = await tenant.GET("/endpoint/v1/policies/{policyType}/base", { params: { path: { policyType: "firewall" } } });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(error)).toContain("policyType");
  });
});

describe("global settings keyed by endpoint type", () => {
  it("reads the event journal settings of computers and servers, and nothing else", async () => {
    const server = await startEmulator();
    const tenant = clientFor(server, "tenant");
    for (const endpointType of ["computer", "server"] as const) {
      const { response } = await tenant.GET("/endpoint/v1/settings/event-journal/{endpointType}", { params: { path: { endpointType } } });
      expect(response.status).toBe(200);
    }
    // @ts-expect-error not an endpoint type
    const { response } = await tenant.GET("/endpoint/v1/settings/event-journal/{endpointType}", { params: { path: { endpointType: "phone" } } });
    expect(response.status).toBe(400);
  });
});

describe("partner administration", () => {
  it("a partner reads its billing usage, creates a role and finds it, while a tenant credential is refused", async () => {
    const server = await startEmulator();
    const partner = clientFor(server, "partner");
    const { data: usage, response } = await partner.GET("/partner/v1/billing/usage/{year}/{month}", { params: { path: { year: 2026, month: 11 } } });
    expect(response.status).toBe(200);
    expect(usage).toBeDefined();
    const { data: sets } = await partner.GET("/partner/v1/roles/permission-sets");
    const permissionSet = sets!.items[0];
    const { data: role } = await partner.POST("/partner/v1/roles", { body: { name: "Tier 1 SOC", principalType: "user", permissionSets: [permissionSet!.id] } });
    const { data: roles } = await partner.GET("/partner/v1/roles");
    expect(roles!.items.map((r) => r.id)).toContain(role!.id);

    const tenant = clientFor(server, "tenant");
    // A tenant's client calls its data-region host, which has no partner paths.
    const { response: refused } = await tenant.GET("/partner/v1/roles");
    expect(refused.status).toBe(404);
  });
});
