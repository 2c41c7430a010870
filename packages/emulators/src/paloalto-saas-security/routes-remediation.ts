import { HttpError, parseJsonBody, sendEmpty, sendJson, strictQuery } from "../shared/http-helpers.js";
import type { Environment, PaloAltoRoute, RequestContext } from "./context.js";
import type { PaloAltoRemediationType } from "./types.js";

const PATH = "/remediation/api/assets";
const TYPES: readonly PaloAltoRemediationType[] = ["remove_public_sharing", "system_quarantine", "system_restore"];
const FIELDS = ["asset_id", "remediation_type", "remove_inherited_sharing"];

/** Asynchronous remediation of assets (scope `remediation_api`). */
export const remediationRoutes: readonly PaloAltoRoute[] = [
  { method: "POST", path: PATH, scope: "remediation_api", handle: startRemediation },
  { method: "GET", path: PATH, scope: "remediation_api", handle: getRemediationStatus },
];

/**
 * Queues a remediation: `{ asset_id, remediation_type, remove_inherited_sharing? }` → 202 with
 * no body. `remove_inherited_sharing` is accepted only with `remove_public_sharing`.
 */
function startRemediation(ctx: RequestContext, env: Environment): void {
  strictQuery(ctx.url, []);
  const body = parseJsonBody(ctx.req, ctx.body);
  for (const key of Object.keys(body)) {
    if (!FIELDS.includes(key)) throw badRequest(`Unknown field "${key.slice(0, 64)}"`);
  }
  const assetId = body["asset_id"];
  if (typeof assetId !== "string" || assetId === "") throw badRequest('"asset_id" must be a non-empty string');
  const type = remediationType(body["remediation_type"]);
  const inherited = body["remove_inherited_sharing"];
  if (inherited !== undefined) {
    if (typeof inherited !== "boolean") throw badRequest('"remove_inherited_sharing" must be a boolean');
    if (type !== "remove_public_sharing") {
      throw badRequest('"remove_inherited_sharing" applies only to remediation_type "remove_public_sharing"');
    }
  }
  const asset = env.state.asset(assetId);
  if (!asset) throw new HttpError(404, "not_found", "Asset not found");
  env.state.startRemediation(asset, type);
  sendEmpty(ctx.res, 202);
}

/** The latest remediation of a type on an asset: `pending` for the first reads, then `success`. */
function getRemediationStatus(ctx: RequestContext, env: Environment): void {
  const query = strictQuery(ctx.url, ["asset_id", "remediation_type"]);
  const assetId = query.get("asset_id");
  if (assetId === undefined) throw badRequest('Missing query parameter "asset_id"');
  const rawType = query.get("remediation_type");
  if (rawType === undefined) throw badRequest('Missing query parameter "remediation_type"');
  const type = remediationType(rawType);
  if (!env.state.asset(assetId)) throw new HttpError(404, "not_found", "Asset not found");
  const status = env.state.readRemediation(assetId, type);
  if (!status) throw new HttpError(404, "not_found", `No ${type} remediation for this asset`);
  sendJson(ctx.res, 200, status);
}

function remediationType(value: unknown): PaloAltoRemediationType {
  if (value === undefined) throw badRequest('Missing field "remediation_type"');
  if (typeof value !== "string" || !(TYPES as readonly string[]).includes(value)) {
    throw badRequest(`"remediation_type" must be one of ${TYPES.join(", ")}`);
  }
  return value as PaloAltoRemediationType;
}

function badRequest(message: string): HttpError {
  return new HttpError(400, "invalid_request", message);
}
