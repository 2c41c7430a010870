import { PALOALTO_SAAS_SECURITY_DEMO_CLIENT as DEMO, startPaloAltoSaasSecurityEmulator, type PaloAltoSaasSecurityEmulator } from "@secfetch/emulators";
import { afterEach, describe, expect, it } from "vitest";
import { createPaloAltoSaasSecurityClient } from "../src/index.js";

let emulator: PaloAltoSaasSecurityEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("per-asset quarantine and restore", () => {
  it("quarantines an incident's asset, then restores it, each read back through the remediation status", async () => {
    emulator = await startPaloAltoSaasSecurityEmulator({ remediationPendingReads: 1 });
    const api = createPaloAltoSaasSecurityClient({ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, baseUrl: emulator.url });
    const assetId = emulator.incidents[0]!.asset_id;

    const quarantined = await api.POST("/remediation/api/assets/{id}/quarantine", { params: { path: { id: assetId } } });
    expect(quarantined.response.status).toBe(202);
    const status = (type: "system_quarantine" | "system_restore") =>
      api.GET("/remediation/api/assets", { params: { query: { asset_id: assetId, remediation_type: type } } });
    expect((await status("system_quarantine")).data).toMatchObject({ asset_id: assetId, remediation_type: "system_quarantine", status: "pending" });
    expect((await status("system_quarantine")).data).toMatchObject({ status: "success" });

    expect((await api.POST("/remediation/api/assets/{id}/restore", { params: { path: { id: assetId } } })).response.status).toBe(202);
    expect((await status("system_restore")).data).toMatchObject({ remediation_type: "system_restore", status: "pending" });
  });

  it("answers 404 for an asset the tenant does not have, and refuses a body", async () => {
    emulator = await startPaloAltoSaasSecurityEmulator();
    const api = createPaloAltoSaasSecurityClient({ clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, baseUrl: emulator.url });
    expect((await api.POST("/remediation/api/assets/{id}/quarantine", { params: { path: { id: "no-such-asset" } } })).response.status).toBe(404);
    const assetId = emulator.incidents[0]!.asset_id;
    // @ts-expect-error the operation takes no body
    const withBody = await api.POST("/remediation/api/assets/{id}/restore", { params: { path: { id: assetId } }, body: { reason: "x" } });
    expect(withBody.response.status).toBe(400);
  });
});
