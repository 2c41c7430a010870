import { sendEmpty, sendJson } from "../shared/http-helpers.js";
import { notFound, pathId } from "./context.js";
import type { Environment, FortiRoute, RequestContext } from "./context.js";
import { sendList } from "./listing.js";
import type { ListDefinition } from "./listing.js";
import { badRequest } from "./state.js";
import type { StoredUser } from "./state.js";
import type { FortiAuthenticatorTokenType } from "./types.js";
import { BodyReader } from "./validation.js";

const LIST = "/api/v1/localusers/";
const USERS: ListDefinition = {
  path: LIST,
  fields: ["id", "username", "email", "first_name", "last_name", "address", "city", "state", "country", "custom1", "custom2", "custom3",
    "active", "reason", "mobile_number", "phone_number", "user_groups", "token_auth", "token_type", "token_serial", "ftm_act_method"],
  filters: {
    id: { kind: "integer", lookups: ["exact", "in"] },
    username: { kind: "string", lookups: ["exact", "iexact", "in"] },
    email: { kind: "string", lookups: ["exact", "iexact"] },
    active: { kind: "boolean", lookups: ["exact"] },
    token_type: { kind: "string", lookups: ["exact"] },
  },
};

/** `/api/v1/localusers/`: list, create, read, update (PATCH) and delete local users. */
export const userRoutes: readonly FortiRoute[] = [
  { method: "GET", path: LIST, auth: "rest", checks: "spec-except-query", handle: (ctx, env) => sendList(ctx, USERS, [...env.directory.users.values()], (u) => env.directory.render(u)) },
  { method: "POST", path: LIST, auth: "rest", handle: createUser },
  { method: "GET", path: `${LIST}{id}/`, auth: "rest", handle: (ctx, env) => sendJson(ctx.res, 200, env.directory.render(findUser(ctx, env))) },
  { method: "PATCH", path: `${LIST}{id}/`, auth: "rest", handle: updateUser },
  { method: "DELETE", path: `${LIST}{id}/`, auth: "rest", handle: deleteUser },
];

/** 201 with an empty body and `Location`, as the general response table describes. */
function createUser(ctx: RequestContext, env: Environment): void {
  const body = new BodyReader(ctx);
  const username = body.required("username");
  if (env.directory.userByName(username)) throw badRequest(`A user with username "${username}" already exists.`);
  const user = env.directory.addUser({
    username,
    email: "", first_name: "", last_name: "", address: "", city: "", state: "", country: "",
    custom1: "", custom2: "", custom3: "", active: true, reason: null, mobile_number: "", phone_number: "",
    token_auth: false, token_type: null, token_serial: "", ftm_act_method: "",
    password: undefined, push: false,
  });
  try {
    applyFields(body, user, env);
  } catch (error) {
    env.directory.deleteUser(user);
    throw error;
  }
  sendEmpty(ctx.res, 201, { Location: user.resource_uri, "Content-Length": 0 });
}

/** 202 with the user as it is now. */
function updateUser(ctx: RequestContext, env: Environment): void {
  const user = findUser(ctx, env);
  const body = new BodyReader(ctx);
  const username = body.string("username");
  if (username !== undefined && username !== user.username) throw badRequest('"username" cannot be changed.');
  const before = { ...user };
  try {
    applyFields(body, user, env);
  } catch (error) {
    Object.assign(user, before);
    throw error;
  }
  sendJson(ctx.res, 202, env.directory.render(user));
}

function deleteUser(ctx: RequestContext, env: Environment): void {
  env.directory.deleteUser(findUser(ctx, env));
  sendEmpty(ctx.res, 204);
}

function findUser(ctx: RequestContext, env: Environment): StoredUser {
  const user = env.directory.users.get(pathId(ctx));
  if (!user) throw notFound();
  return user;
}

/** Applies the writable fields present in `body` to `user`, then checks the token settings. */
function applyFields(body: BodyReader, user: StoredUser, env: Environment): void {
  const text = ["email", "first_name", "last_name", "address", "city", "state", "country", "custom1", "custom2", "custom3", "mobile_number", "phone_number"] as const;
  for (const name of text) {
    const value = body.string(name);
    if (value !== undefined) (user as Record<string, unknown>)[name] = value;
  }
  const password = body.string("password");
  if (password !== undefined) user.password = password === "" ? undefined : password;
  const active = body.boolean("active");
  if (active !== undefined) {
    user.active = active;
    user.reason = active ? null : 0;
  }
  const actMethod = body.oneOf<"email" | "sms">("ftm_act_method");
  if (actMethod !== undefined) user.ftm_act_method = actMethod ?? "";

  const tokenAuth = body.boolean("token_auth") ?? user.token_auth;
  const tokenType = body.has("token_type") ? body.oneOf<FortiAuthenticatorTokenType>("token_type") ?? null : user.token_type;
  const serial = body.string("token_serial");
  const tokenChanged = tokenAuth !== user.token_auth || tokenType !== user.token_type || (serial !== undefined && serial !== user.token_serial);
  if (!tokenChanged) return;
  if (tokenAuth && tokenType === null) throw badRequest('"token_type" is required when "token_auth" is true.');
  if (tokenAuth && (tokenType === "email" || tokenType === "dual") && !user.email) throw badRequest('"email" is required for e-mail tokens.');
  if (tokenAuth && (tokenType === "sms" || tokenType === "dual") && !user.mobile_number) throw badRequest('"mobile_number" is required for SMS tokens.');
  let newSerial = "";
  if (tokenAuth && (tokenType === "ftm" || tokenType === "ftk")) {
    // Keeping the token the user already holds is not a re-assignment (it would look taken).
    const keep = user.token_serial !== "" && user.token_type === tokenType && (!serial || serial === user.token_serial);
    newSerial = keep ? user.token_serial : env.directory.assignToken(tokenType, serial ?? "");
  }
  if (user.token_serial !== newSerial) env.directory.releaseToken(user.token_serial);
  user.token_auth = tokenAuth;
  user.token_type = tokenAuth ? tokenType : null;
  user.token_serial = newSerial;
  user.push = false;
}
