import { HttpError } from "../shared/http-helpers.js";
import type { ResolvedOptions } from "./options.js";
import { seedDirectory } from "./seed.js";
import type {
  FortiAuthenticatorFortiToken,
  FortiAuthenticatorLocalUser,
  FortiAuthenticatorRadiusClient,
  FortiAuthenticatorUserGroup,
} from "./types.js";

/** A local user as stored: the API shape without the computed `user_groups`, plus write-only data. */
export type StoredUser = Omit<FortiAuthenticatorLocalUser, "user_groups"> & {
  /** `undefined`: the user cannot sign in with a password. */
  password: string | undefined;
  /** FortiToken Mobile with push approval (the token endpoint then challenges with `ftm-push`). */
  push: boolean;
};
export type StoredGroup = FortiAuthenticatorUserGroup;
export type StoredRadiusClient = FortiAuthenticatorRadiusClient & { secret: string };

/** The appliance's directory: local users, groups, FortiTokens and RADIUS clients. */
export class Directory {
  readonly users = new Map<number, StoredUser>();
  readonly groups = new Map<number, StoredGroup>();
  readonly tokens = new Map<number, FortiAuthenticatorFortiToken>();
  readonly radiusClients = new Map<number, StoredRadiusClient>();
  #nextUser: number;
  #nextGroup: number;
  #nextRadius: number;

  constructor(options: ResolvedOptions) {
    const seeded = seedDirectory(options);
    for (const token of seeded.tokens) this.tokens.set(token.id, token);
    for (const user of seeded.users) this.users.set(user.id, user);
    for (const group of seeded.groups) this.groups.set(group.id, group);
    for (const client of seeded.radiusClients) this.radiusClients.set(client.id, client);
    this.#nextUser = seeded.users.length + 1;
    this.#nextGroup = seeded.groups.length + 1;
    this.#nextRadius = seeded.radiusClients.length + 1;
  }

  userByName(username: string): StoredUser | undefined {
    for (const user of this.users.values()) if (user.username === username) return user;
    return undefined;
  }

  /** The API form of a user: no password, group URIs filled in. */
  render(user: StoredUser): FortiAuthenticatorLocalUser {
    const { password: _password, push: _push, token_auth, token_type, token_serial, ftm_act_method, resource_uri, ...head } = user;
    const groups = [...this.groups.values()].filter((g) => g.users.includes(resource_uri)).map((g) => g.resource_uri);
    return { ...head, user_groups: groups, token_auth, token_type, token_serial, ftm_act_method, resource_uri };
  }

  renderRadius(client: StoredRadiusClient): FortiAuthenticatorRadiusClient {
    const { secret: _secret, ...visible } = client;
    return visible;
  }

  addUser(fields: Omit<StoredUser, "id" | "resource_uri">): StoredUser {
    const id = this.#nextUser++;
    const user: StoredUser = { ...fields, id, resource_uri: `/api/v1/localusers/${id}/` };
    this.users.set(id, user);
    return user;
  }

  deleteUser(user: StoredUser): void {
    this.users.delete(user.id);
    for (const group of this.groups.values()) group.users = group.users.filter((uri) => uri !== user.resource_uri);
    this.releaseToken(user.token_serial);
  }

  /**
   * Picks a token of `type` for a user: the one with `serial`, or the next available one when
   * `serial` is blank. 400 when there is none or it is taken.
   */
  assignToken(type: "ftm" | "ftk", serial: string): string {
    const token = [...this.tokens.values()].find((t) =>
      serial ? t.serial === serial : t.type === type && (t.status === "available" || t.status === "new"),
    );
    if (!token) throw badRequest(serial ? `FortiToken "${serial.slice(0, 32)}" does not exist.` : `No available FortiToken of type ${type}.`);
    if (token.type !== type) throw badRequest(`FortiToken "${token.serial}" is not of type ${type}.`);
    if (token.status === "assigned" || token.status === "pending") throw badRequest(`FortiToken "${token.serial}" is already assigned.`);
    token.status = "assigned";
    return token.serial;
  }

  releaseToken(serial: string): void {
    for (const token of this.tokens.values()) if (serial && token.serial === serial) token.status = "available";
  }

  addGroup(fields: Omit<StoredGroup, "id" | "resource_uri">): StoredGroup {
    const id = this.#nextGroup++;
    const group: StoredGroup = { ...fields, id, resource_uri: `/api/v1/usergroups/${id}/` };
    this.groups.set(id, group);
    return group;
  }

  addRadiusClient(fields: Omit<StoredRadiusClient, "id" | "resource_uri">): StoredRadiusClient {
    const id = this.#nextRadius++;
    const client: StoredRadiusClient = { ...fields, id, resource_uri: `/api/v1/radiusclients/${id}/` };
    this.radiusClients.set(id, client);
    return client;
  }

  /** Checks that every entry is the URI of an existing local user; 400 otherwise. */
  userUris(value: unknown): string[] {
    if (!Array.isArray(value)) throw badRequest('"users" must be a list of local user URIs.');
    return [...new Set(value.map((uri) => {
      const id = typeof uri === "string" ? /^\/api\/v1\/localusers\/(\d+)\/$/.exec(uri)?.[1] : undefined;
      if (id === undefined || !this.users.has(Number(id))) {
        throw badRequest(`Could not find the provided object via resource URI '${String(uri).slice(0, 80)}'.`);
      }
      return uri as string;
    }))];
  }
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, "bad_request", message);
}
