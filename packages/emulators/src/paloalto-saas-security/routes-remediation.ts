import { HttpError, sendEmpty, sendJson } from "../shared/http-helpers.js";
import type { Environment, PaloAltoRoute, RequestContext } from "./context.js";
import type { PaloAltoRemediationType } from "./types.js";

const PATH = "/remediation/api/assets";

/** Asynchronous remediation of assets (scope `remediation_api`); the spec has checked the request. */
export const remediationRoutes: readonly PaloAltoRoute[] = [
  { method: "POST", path: PATH, scope: "remediation_api", handle: startRemediation },
  { method: "GET", path: PATH, scope: "remediation_api", handle: getRemediationStatus },
  { method: "POST", path: `${PATH}/{id}/quarantine`, scope: "remediation_api", handle: (ctx, env) => remediateAsset(ctx, env, "system_quarantine") },
  { method: "POST", path: `${PATH}/{id}/restore`, scope: "remediation_api", handle: (ctx, env) => remediateAsset(ctx, env, "system_restore") },
];

interface RemediationRequest {
  asset_id: string;
  remediation_type: PaloAltoRemediationType;
  remove_inherited_sharing?: boolean;
}

/**
 * Queues a remediation → 202 with no body. `remove_inherited_sharing` is accepted only with
 * `remove_public_sharing`.
 */
function startRemediation(ctx: RequestContext, env: Environment): void {
  const body = ctx.input.body as RemediationRequest;
  if (body.remove_inherited_sharing !== undefined && body.remediation_type !== "remove_public_sharing") {
    throw new HttpError(400, "invalid_request", '"remove_inherited_sharing" applies only to remediation_type "remove_public_sharing"');
  }
  const asset = env.state.asset(body.asset_id);
  if (!asset) throw new HttpError(404, "not_found", "Asset not found");
  env.state.startRemediation(asset, body.remediation_type);
  sendEmpty(ctx.res, 202);
}

/** The per-asset forms of quarantine and restore: the same remediation, named by the path → 202. */
function remediateAsset(ctx: RequestContext, env: Environment, type: PaloAltoRemediationType): void {
  const asset = env.state.asset(ctx.params["id"] ?? "");
  if (!asset) throw new HttpError(404, "not_found", "Asset not found");
  env.state.startRemediation(asset, type);
  sendEmpty(ctx.res, 202);
}

/** The latest remediation of a type on an asset: `pending` for the first reads, then `success`. */
function getRemediationStatus(ctx: RequestContext, env: Environment): void {
  const { asset_id: assetId, remediation_type: type } = ctx.input.query as Omit<RemediationRequest, "remove_inherited_sharing">;
  if (!env.state.asset(assetId)) throw new HttpError(404, "not_found", "Asset not found");
  const status = env.state.readRemediation(assetId, type);
  if (!status) throw new HttpError(404, "not_found", `No ${type} remediation for this asset`);
  sendJson(ctx.res, 200, status);
}
