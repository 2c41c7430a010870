import { SeededRandom } from "../shared/seeded-random.js";
import type { ResolvedOptions } from "./options.js";
import type { FortiAuthenticatorFortiToken, FortiAuthenticatorTokenType } from "./types.js";
import type { StoredRadiusClient, StoredUser, StoredGroup } from "./state.js";

const FIRST = ["Ana", "Ben", "Chen", "Dara", "Emil", "Fatou", "Goran", "Hana", "Ivo", "Jana", "Kofi", "Lena", "Mateo", "Nina", "Omar", "Priya"] as const;
const LAST = ["Adams", "Berg", "Costa", "Diallo", "Evans", "Fischer", "Garcia", "Huang", "Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Novak"] as const;
const CITIES = [["Vancouver", "BC", "CA"], ["Sunnyvale", "CA", "US"], ["Sophia Antipolis", "", "FR"], ["Berlin", "", "DE"], ["Ottawa", "ON", "CA"]] as const;
const GROUPS = ["vpn-users", "wifi-staff", "contractors", "helpdesk", "finance", "admins-mfa", "lab", "guests-sponsors"] as const;
const RADIUS = [["fgt-hq", "10.0.0.1"], ["fgt-branch-1", "10.1.0.0/24"], ["wlc-campus", "192.0.2.10"], ["fgt-branch-2", "10.2.0.0/24"], ["vpn-concentrator", "198.51.100.20"]] as const;

/** The seeded directory: tokens first (so users can be given theirs), then users, groups and RADIUS clients. */
export interface SeededDirectory {
  tokens: FortiAuthenticatorFortiToken[];
  users: StoredUser[];
  groups: StoredGroup[];
  radiusClients: StoredRadiusClient[];
}

export function seedDirectory(options: ResolvedOptions): SeededDirectory {
  const random = new SeededRandom(options.seed);
  const local = options.accounts.filter((account) => account.realm === options.defaultRealm);
  const needs = local.map((account) => (account.mfa === "ftk" ? "ftk" : account.mfa === "ftm" || account.mfa === "ftm-push" ? "ftm" : null));
  const kinds = [...needs.filter((kind) => kind !== null)];
  while (kinds.length < options.fortiTokens) kinds.push(kinds.length % 3 === 2 ? "ftk" : "ftm");
  const tokens = kinds.map((type, i): FortiAuthenticatorFortiToken => ({
    id: i + 1,
    serial: `${type === "ftm" ? "FTKMOB" : "FTK200"}${String(random.int(0, 9_999_999_999)).padStart(10, "0")}`,
    type,
    status: "available",
    locked: false,
    license: type === "ftm" ? "FTMTRIALNOREGIST" : "",
    last_used_at: null,
    resource_uri: `/api/v1/fortitokens/${i + 1}/`,
  }));
  const take = (type: "ftm" | "ftk"): string => {
    const token = tokens.find((t) => t.type === type && t.status === "available");
    if (!token) return "";
    token.status = "assigned";
    return token.serial;
  };

  const users: StoredUser[] = [];
  local.forEach((account, i) => {
    const tokenType: FortiAuthenticatorTokenType | null = account.mfa === "none" ? null : account.mfa === "ftm-push" ? "ftm" : account.mfa;
    const serial = tokenType === "ftm" || tokenType === "ftk" ? take(tokenType) : "";
    users.push(user(i + 1, account.username, random, {
      password: account.password,
      push: account.mfa === "ftm-push",
      active: account.active,
      token_auth: tokenType !== null,
      token_type: tokenType,
      token_serial: serial,
      mobile_number: account.mfa === "sms" ? `+1-55501${String(i).padStart(5, "0")}` : "",
    }));
  });
  for (let id = users.length + 1; id <= options.users; id++) {
    // Some FortiTokens stay unassigned, so users created later can still be given one.
    const spare = tokens.filter((t) => t.type === "ftm" && t.status === "available").length;
    const withToken = random.chance(0.3) && spare > 2;
    const active = random.chance(0.9);
    users.push(user(id, `user${String(id).padStart(3, "0")}`, random, {
      password: undefined,
      push: false,
      active,
      reason: active ? null : 0,
      token_auth: withToken,
      token_type: withToken ? "ftm" : null,
      token_serial: withToken ? take("ftm") : "",
      ftm_act_method: withToken ? "email" : "",
    }));
  }

  const groups = Array.from({ length: options.groups }, (_, i): StoredGroup => ({
    id: i + 1,
    name: i < GROUPS.length ? GROUPS[i]! : `group-${i + 1}`,
    users: users.filter(() => random.chance(0.3)).map((u) => u.resource_uri),
    password_policy: "default",
    resource_uri: `/api/v1/usergroups/${i + 1}/`,
  }));
  const radiusClients = Array.from({ length: options.radiusClients }, (_, i): StoredRadiusClient => {
    const [name, address] = RADIUS[i % RADIUS.length]!;
    return {
      id: i + 1,
      name: i < RADIUS.length ? name : `${name}-${i + 1}`,
      address,
      accounting_usage: random.chance(0.5),
      disconnect: false,
      secret: random.hex(24),
      resource_uri: `/api/v1/radiusclients/${i + 1}/`,
    };
  });
  return { tokens, users, groups, radiusClients };
}

function user(id: number, username: string, random: SeededRandom, fields: Partial<StoredUser>): StoredUser {
  const [city, state, country] = random.pick(CITIES);
  return {
    id,
    username,
    email: `${username}@example.com`,
    first_name: random.pick(FIRST),
    last_name: random.pick(LAST),
    address: "",
    city,
    state,
    country,
    custom1: "",
    custom2: "",
    custom3: "",
    active: true,
    reason: null,
    mobile_number: "",
    phone_number: "",
    token_auth: false,
    token_type: null,
    token_serial: "",
    ftm_act_method: "",
    resource_uri: `/api/v1/localusers/${id}/`,
    password: undefined,
    push: false,
    ...fields,
  };
}
