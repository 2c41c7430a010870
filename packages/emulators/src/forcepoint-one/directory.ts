import { HttpError } from "../shared/http-helpers.js";
import { SeededRandom } from "../shared/seeded-random.js";
import type { ResolvedOptions } from "./options.js";
import type { ForcepointOneGroup, ForcepointOneUser } from "./types.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type UserRecord = Mutable<ForcepointOneUser>;
export type GroupRecord = Omit<Mutable<ForcepointOneGroup>, "members"> & { members: string[] };

const GIVEN = ["Ana", "Ben", "Chloé", "Dev", "Eve", "Finn", "Grace", "Hugo", "Ines", "Jon"];
const FAMILY = ["Souza", "Okafor", "Martin", "Patel", "Nakamura", "O'Brien", "Lee", "Weber", "Costa", "Berg"];
const GROUP_NAMES = ["Sales", "Engineering", "Finance", "Risky Users", "Contractors", "Support"];

/**
 * The tenant's users and groups, shared by the config API (which names them by user name and
 * group name) and SCIM (which names them by id). Names are unique case-insensitively.
 */
export class Directory {
  readonly #users = new Map<string, UserRecord>();
  readonly #groups = new Map<string, GroupRecord>();
  readonly #random: SeededRandom;
  readonly #domains: readonly string[];

  constructor(options: ResolvedOptions) {
    this.#random = new SeededRandom(options.seed * 7919 + 3);
    this.#domains = options.companyDomains;
    const domain = options.companyDomains[0]!;
    for (let i = 0; i < options.directory.users; i++) {
      const given = GIVEN[i % GIVEN.length]!;
      const family = FAMILY[(i * 3) % FAMILY.length]!;
      const local = `${given}.${family}${i >= GIVEN.length ? i : ""}`.normalize("NFD").replace(/[^A-Za-z0-9.]/g, "").toLowerCase();
      this.addUser({ userName: `${local}@${domain}`, givenName: given, familyName: family, source: "Local" });
    }
    const users = [...this.#users.keys()];
    for (let i = 0; i < options.directory.groups; i++) {
      const group = this.addGroup(GROUP_NAMES[i % GROUP_NAMES.length]! + (i >= GROUP_NAMES.length ? ` ${i}` : ""));
      group.members.push(...users.filter((_, n) => n % (i + 2) === 0));
    }
  }

  /** Whether `email` is in one of the company's domains. */
  inCompanyDomain(email: string): boolean {
    const at = email.lastIndexOf("@");
    return at > 0 && this.#domains.includes(email.slice(at + 1).toLowerCase());
  }

  users(): UserRecord[] {
    return [...this.#users.values()];
  }

  groups(): GroupRecord[] {
    return [...this.#groups.values()];
  }

  user(id: string): UserRecord | undefined {
    return this.#users.get(id);
  }

  group(id: string): GroupRecord | undefined {
    return this.#groups.get(id);
  }

  userByName(userName: string): UserRecord | undefined {
    const wanted = userName.toLowerCase();
    return this.users().find((user) => user.userName.toLowerCase() === wanted);
  }

  groupByName(displayName: string): GroupRecord | undefined {
    const wanted = displayName.toLowerCase();
    return this.groups().find((group) => group.displayName.toLowerCase() === wanted);
  }

  /** Creates a user; a taken user name → 409 `uniqueness`. */
  addUser(fields: Partial<UserRecord> & Pick<UserRecord, "userName" | "source">): UserRecord {
    if (this.userByName(fields.userName)) throw conflict(`User name ${fields.userName} is already taken`);
    const now = new Date().toISOString();
    const user: UserRecord = {
      id: this.#uuid(),
      externalId: undefined,
      displayName: undefined,
      givenName: "",
      familyName: "",
      workEmail: fields.userName,
      otherEmail: undefined,
      countryCode: undefined,
      mobileNumber: undefined,
      adminRole: "none",
      manager: undefined,
      active: true,
      created: now,
      lastModified: now,
      ...fields,
    };
    this.#users.set(user.id, user);
    return user;
  }

  /** Replaces a user with a changed copy; a user name taken by another user → 409. */
  putUser(user: UserRecord): UserRecord {
    const clash = this.userByName(user.userName);
    if (clash && clash.id !== user.id) throw conflict(`User name ${user.userName} is already taken`);
    user.lastModified = new Date().toISOString();
    this.#users.set(user.id, user);
    return user;
  }

  deleteUser(id: string): boolean {
    for (const group of this.#groups.values()) group.members = group.members.filter((member) => member !== id);
    return this.#users.delete(id);
  }

  /** Creates a group; a taken name → 409 `uniqueness`. */
  addGroup(displayName: string, externalId?: string): GroupRecord {
    if (this.groupByName(displayName)) throw conflict(`Group name ${displayName} is already taken`);
    const now = new Date().toISOString();
    const group: GroupRecord = { id: this.#uuid(), displayName, externalId, members: [], created: now, lastModified: now };
    this.#groups.set(group.id, group);
    return group;
  }

  /** Replaces a group with a changed copy; a name taken by another group → 409. */
  putGroup(group: GroupRecord): GroupRecord {
    const clash = this.groupByName(group.displayName);
    if (clash && clash.id !== group.id) throw conflict(`Group name ${group.displayName} is already taken`);
    group.members = [...new Set(group.members)];
    group.lastModified = new Date().toISOString();
    this.#groups.set(group.id, group);
    return group;
  }

  deleteGroup(id: string): boolean {
    return this.#groups.delete(id);
  }

  /** The groups `userId` belongs to. */
  groupsOf(userId: string): GroupRecord[] {
    return this.groups().filter((group) => group.members.includes(userId));
  }

  #uuid(): string {
    const hex = this.#random.hex(32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

function conflict(detail: string): HttpError {
  return new HttpError(409, "uniqueness", detail);
}
