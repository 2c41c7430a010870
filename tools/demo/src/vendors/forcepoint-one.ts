import { FORCEPOINT_ONE_DEMO_CREDENTIALS as DEMO, startForcepointOneEmulator } from "@secfetch/emulators";
import { AuthenticationError, createForcepointOneClient, type ForcepointOneLogType } from "@secfetch/forcepoint-one";
import { step, type Report } from "../report.js";

const SINCE = "2024-11-01T00:00:00Z";
const APPENDED = 12;
const CONCURRENT = 30;

/** Forcepoint ONE SSE (Bitglass): a static bearer token, a log collector that stops and resumes, SCIM. */
export async function runForcepointOne(report: Report): Promise<void> {
  const emulator = await startForcepointOneEmulator({ logs: { access: 250, swgweb: 250 } });
  report.section("Forcepoint ONE SSE", `emulator at ${emulator.url}`);
  report.secret(DEMO.token, DEMO.password);
  const statuses: number[] = [];
  const client = createForcepointOneClient({
    token: DEMO.token,
    baseUrl: emulator.url,
    // Only to count the answers for the report; the client works the same without it.
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    },
  });
  const types: ForcepointOneLogType[] = ["access", "swgweb"];
  // Checkpoints as a collector keeps them between runs: JSON text, one per log type.
  const saved = new Map<ForcepointOneLogType, string>();
  try {
    await step(report, "log export, stopped and resumed", async (claims) => {
      const seen = new Map<ForcepointOneLogType, string[]>(types.map((type) => [type, []]));
      const before = new Map<ForcepointOneLogType, number>();
      // First run: two pages of each type, then stop as a collector would.
      for (const type of types) {
        let pages = 0;
        for await (const { records, checkpoint } of client.exportLogs({ type, since: SINCE })) {
          seen.get(type)?.push(...records.map((record) => record.transactionid ?? ""));
          saved.set(type, JSON.stringify(checkpoint));
          if (++pages === 2) break;
        }
        before.set(type, seen.get(type)?.length ?? 0);
      }
      // Second run, from the saved checkpoints.
      for (const type of types) {
        for await (const { records, checkpoint } of client.exportLogs({ type, since: SINCE, checkpoint: saved.get(type) })) {
          seen.get(type)?.push(...records.map((record) => record.transactionid ?? ""));
          saved.set(type, JSON.stringify(checkpoint));
        }
      }
      return types
        .map((type) => {
          const ids = seen.get(type) ?? [];
          const expected = emulator.logs(type).map((record) => record["transactionid"] ?? "");
          const exported = new Set(ids);
          const missing = expected.filter((id) => !exported.has(id)).length;
          const twice = ids.length - exported.size;
          const once = ids.length === expected.length && missing === 0 && twice === 0;
          const stopped = before.get(type) ?? 0;
          const after = ids.length - stopped;
          claims.that(once, `each of the ${expected.length} ${type} records exported once`, `${ids.length} were exported, ${twice} of them twice, ${missing} never`);
          claims.that(stopped > 0 && after > 0, `${type} records on both sides of the stop`, `${stopped} came before it and ${after} after`);
          return `${type}: ${ids.length} records, ${once ? "exported once" : "NOT exported once"} across stop+resume (${stopped} before the stop, ${after} after)`;
        })
        .join("\n    ");
    });

    await step(report, "new records on a later run", async (claims) => {
      emulator.appendLogs("access", APPENDED);
      const fresh: string[] = [];
      for await (const { records, checkpoint } of client.exportLogs({ type: "access", since: SINCE, checkpoint: saved.get("access") })) {
        fresh.push(...records.map((record) => record.transactionid ?? ""));
        saved.set("access", JSON.stringify(checkpoint));
      }
      const expected = emulator.logs("access").slice(-APPENDED).map((record) => record["transactionid"]);
      const exact = fresh.length === expected.length && fresh.every((id, i) => id === expected[i]);
      claims.equal("records exported by the next run", fresh.length, APPENDED);
      claims.that(exact, `exactly the ${APPENDED} new records, in order`, "the run exported others");
      return `access: ${APPENDED} records appended → the next run from its checkpoint exported ${fresh.length}, ${exact ? "exactly the new ones" : "NOT exactly the new ones"}`;
    });

    await step(report, "rate limit", async (claims) => {
      const before = statuses.length;
      const started = Date.now();
      const query = { type: "admin", cv: "1.0.7", responseformat: "json", startdate: "2099-01-01T00:00:00Z" } as const;
      const results = await Promise.all(Array.from({ length: CONCURRENT }, () => client.GET("/api/bitglassapi/logs", { params: { query } })));
      const ok = results.filter((result) => result.response.ok).length;
      const throttled = statuses.slice(before).filter((status) => status === 429).length;
      claims.equal("calls answered", ok, CONCURRENT);
      claims.equal("429 answers (the client keeps the limit)", throttled, 0);
      return `${results.length} concurrent calls, ${throttled} × 429, ${ok} answered (client keeps the spec's 10/s; ${((Date.now() - started) / 1000).toFixed(1)} s)`;
    });

    await step(report, "SCIM round trip", async (claims) => {
      const userName = "demo.collector@example.com";
      const created = await client.POST("/api/bitglassapi/v2/scim/Users", {
        body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName, emails: [{ value: userName, type: "work", primary: true }] },
      });
      const id = created.data?.id;
      if (!id) throw new Error(`create failed: HTTP ${created.response.status}`);
      const read = await client.GET("/api/bitglassapi/v2/scim/Users/{id}", { params: { path: { id } } });
      const patched = await client.PATCH("/api/bitglassapi/v2/scim/Users/{id}", {
        params: { path: { id } },
        body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] },
      });
      const deleted = await client.DELETE("/api/bitglassapi/v2/scim/Users/{id}", { params: { path: { id } } });
      const gone = await client.GET("/api/bitglassapi/v2/scim/Users/{id}", { params: { path: { id } } });
      let users = 0;
      for await (const _ of client.paginate("/api/bitglassapi/v2/scim/Users", { params: { query: { count: 10 } } })) users++;
      claims.equal("create status", created.response.status, 201);
      claims.equal("get status", read.response.status, 200);
      claims.equal("active after the patch", patched.data?.active, false);
      claims.equal("delete status", deleted.response.status, 204);
      claims.equal("get status after the delete", gone.response.status, 404);
      claims.equal("users listed", users, emulator.users.length);
      return `SCIM: create ${created.response.status} → get ${read.response.status} → patch active=${String(patched.data?.active)} → delete ${deleted.response.status} → get ${gone.response.status}; ${users} users listed by startIndex`;
    });

    await step(report, "config API v1", async (claims) => {
      const configure = (type: "user" | "group", action: "createupdate" | "addmembers", body: Record<string, unknown>) =>
        client.POST("/api/bitglassapi/config/v1/", { params: { query: { type, action } }, body: body as never });
      const user = await configure("user", "createupdate", { companyemail: "demo.v1@example.com", firstname: "Demo" });
      const group = await configure("group", "createupdate", { groupname: "demo-v1" });
      const members = await configure("group", "addmembers", { groupname: "demo-v1", companyemail: ["demo.v1@example.com"] });
      const made = emulator.users.find((candidate) => candidate.userName === "demo.v1@example.com");
      const inGroup = emulator.groups.find((candidate) => candidate.displayName === "demo-v1")?.members.includes(made?.id ?? "");
      claims.equal("statuses", [user, group, members].map((answer) => answer.response.status).join(","), "200,200,200");
      claims.that(inGroup === true, "the user to be in the group", "it is not");
      return `config API v1 (users by companyemail): user created, group made, user added → ${members.data?.status ?? "?"}`;
    });

    await step(report, "revoked token", async (claims) => {
      emulator.revokeToken(DEMO.token);
      try {
        await client.GET("/api/bitglassapi/v2/scim/Users");
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        const clean = claims.noLeak(error, DEMO.token, "the token");
        const forms = bearerForms(emulator.requests);
        claims.equal(`requests sent with "Bearer <token>"`, forms.bearer, emulator.requests.length);
        claims.equal(`requests sent with "Bearer:"`, forms.colon, 0);
        return `revoked token → ${error.name} (HTTP ${error.status}); token in the error: ${clean ? "no" : "YES"}; headers sent: ${forms.bearer} × "Bearer <token>", ${forms.colon} × "Bearer:"`;
      }
      throw new Error("a revoked token was accepted");
    });
  } finally {
    await emulator.close();
  }
}

/** How the requests' Authorization headers looked: the service refuses `Bearer:`. */
function bearerForms(requests: ReadonlyArray<{ headers: Readonly<Record<string, string>> }>): { bearer: number; colon: number } {
  const count = (form: RegExp) => requests.filter((request) => form.test(request.headers["authorization"] ?? "")).length;
  return { bearer: count(/^Bearer [^:\s]+$/), colon: count(/^Bearer:/i) };
}
