import { HttpError, parseJsonBody, sendJson, strictQuery } from "../shared/http-helpers.js";
import { ACTION_FIELDS, groupAction, userAction } from "./config-actions.js";
import { badRequest } from "./context.js";
import type { Environment, ForcepointRoute, RequestContext } from "./context.js";

export const CONFIG_PATH = "/api/bitglassapi/config/v1.1/";

export const configRoutes: readonly ForcepointRoute[] = [{ method: "POST", path: CONFIG_PATH, scope: "config", checks: "own", handle: configure }];

/**
 * `POST /api/bitglassapi/config/v1.1/?type=…&action=…` with a JSON body. Each authenticated call
 * counts against the daily quota, refused ones included.
 */
function configure(ctx: RequestContext, env: Environment): void {
  takeQuota(env);
  const query = strictQuery(ctx.url, ["type", "action"]);
  const type = query.get("type") ?? "";
  if (type !== "user" && type !== "group") throw badRequest(`Invalid type: ${type.slice(0, 40)}. Supported types are: user, group`);
  const action = query.get("action") ?? "";
  const fields = (ACTION_FIELDS[type] as Record<string, readonly string[]>)[action];
  if (!fields) {
    throw badRequest(
      `Invalid action: ${action.slice(0, 40)}. Supported action for users are: createupdate, deactivate, reactivate, addtogroup & removefromgroup. ` +
        "Supported action for groups are: createupdate, delete, addmembers & removemembers",
    );
  }
  const body = parseJsonBody(ctx.req, ctx.body);
  for (const key of Object.keys(body)) {
    if (!fields.includes(key)) throw badRequest(`Unknown parameter for ${type} ${action}: ${key.slice(0, 40)}`);
  }
  const status = type === "group" ? groupAction(env.directory, action, body) : userAction(env.directory, env.options, action, body);
  sendJson(ctx.res, 200, { status });
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
