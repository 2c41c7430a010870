import { HttpError, parseJsonBody, sendJson, strictQuery } from "../shared/http-helpers.js";
import { ACTION_FIELDS, ACTION_FIELDS_V1, groupAction, userAction } from "./config-actions.js";
import { badRequest } from "./context.js";
import type { Environment, ForcepointRoute, RequestContext } from "./context.js";

export const CONFIG_PATH = "/api/bitglassapi/config/v1.1/";
export const CONFIG_V1_PATH = "/api/bitglassapi/config/v1/";

export const configRoutes: readonly ForcepointRoute[] = [
  { method: "POST", path: CONFIG_PATH, scope: "config", checks: "own", handle: (ctx, env) => configure(ctx, env, "v1.1") },
  { method: "POST", path: CONFIG_V1_PATH, scope: "config", checks: "own", handle: (ctx, env) => configure(ctx, env, "v1") },
];

/**
 * `POST /api/bitglassapi/config/v1.1/?type=…&action=…` with a JSON body, or the same on `v1/`
 * with users named by `companyemail`. Each authenticated call counts against the daily quota,
 * refused ones included.
 */
function configure(ctx: RequestContext, env: Environment, version: "v1" | "v1.1"): void {
  takeQuota(env);
  const query = strictQuery(ctx.url, ["type", "action"]);
  const type = query.get("type") ?? "";
  if (type !== "user" && type !== "group") throw badRequest(`Invalid type: ${type.slice(0, 40)}. Supported types are: user, group`);
  const action = query.get("action") ?? "";
  const fields = ((version === "v1" ? ACTION_FIELDS_V1 : ACTION_FIELDS)[type] as Record<string, readonly string[]>)[action];
  if (!fields) {
    throw badRequest(
      `Invalid action: ${action.slice(0, 40)}. Supported action for users are: createupdate, deactivate, reactivate, addtogroup & removefromgroup. ` +
        "Supported action for groups are: createupdate, delete, addmembers & removemembers",
    );
  }
  const sent = parseJsonBody(ctx.req, ctx.body);
  for (const key of Object.keys(sent)) {
    if (!fields.includes(key)) throw badRequest(`Unknown parameter for ${type} ${action}: ${key.slice(0, 40)}`);
  }
  const body = version === "v1" ? fromV1(type, sent) : sent;
  const status = type === "group" ? groupAction(env.directory, action, body) : userAction(env.directory, env.options, action, body);
  sendJson(ctx.res, 200, { status });
}

/**
 * A v1 body in v1.1's terms: a user's `companyemail` is its `username`, and a rename's
 * one-element `newgroupname` list (what Forcepoint's SOAR app sends) is the name itself.
 */
function fromV1(type: "user" | "group", body: Record<string, unknown>): Record<string, unknown> {
  if (type === "user") {
    const { companyemail, ...rest } = body;
    return companyemail === undefined ? rest : { ...rest, username: companyemail };
  }
  const rename = body["newgroupname"];
  if (!Array.isArray(rename)) return body;
  if (rename.length !== 1) throw badRequest("newgroupname takes one name");
  return { ...body, newgroupname: rename[0] };
}

/** 1000 calls per UTC day by default; the count resets at midnight UTC. */
function takeQuota(env: Environment): void {
  const now = new Date();
  const day = now.toISOString().slice(0, 10);
  if (env.configQuota.day !== day) env.configQuota = { day, used: 0 };
  if (env.configQuota.used >= env.options.configDailyQuota) {
    const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
    const resetText = `${reset.toISOString().slice(0, 10)} 00:00:00+00:00`;
    const retryAfter = Math.ceil((reset.getTime() - now.getTime()) / 1000);
    throw new HttpError(
      429,
      "quota_exceeded",
      `You have exceeded your allowance of ${env.options.configDailyQuota} requests per day for config logs. Limit will reset at ${resetText}`,
      { "Retry-After": String(retryAfter) },
    );
  }
  env.configQuota.used += 1;
}
