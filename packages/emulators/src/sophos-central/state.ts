import { SeededRandom } from "../shared/seeded-random.js";
import type { ResolvedOptions } from "./options.js";
import { seededUuid } from "./seed.js";
import { SophosTenantData } from "./tenant-data.js";
import type { SophosPrincipalType, SophosTenant } from "./types.js";

/** An API credential and the account it acts for. */
export interface Principal {
  readonly type: SophosPrincipalType;
  /** The tenant, partner or organization id (`whoami`'s `id`). */
  readonly id: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A tenant with everything the emulator knows about it. */
export interface TenantRecord {
  /** As the tenant lists show it. */
  readonly tenant: SophosTenant;
  /** `null` while not provisioned. */
  readonly region: string | null;
  readonly partnerId: string;
  readonly partnerManaged: boolean;
  readonly organizationId: string | undefined;
  /** Listed for the partner (false only for the foreign tenant). */
  readonly listed: boolean;
  readonly data: SophosTenantData;
}

const GEOGRAPHY: Record<string, string> = { eu01: "IE", eu02: "DE", us01: "US", us03: "US", ca01: "CA", au01: "AU", jp01: "JP", in01: "IN", br01: "BR" };

/** Everything the emulated Sophos Central holds: the three principals and every tenant's data. */
export class SophosWorld {
  readonly principals: readonly Principal[];
  readonly tenants: readonly TenantRecord[];
  /** A tenant of another partner and organization: every call for it by our credentials answers 403. */
  readonly foreignTenant: TenantRecord;
  readonly #byId = new Map<string, TenantRecord>();

  constructor(options: ResolvedOptions, regionUrls: Readonly<Record<string, string>>, now = Date.now()) {
    const random = new SeededRandom(options.seed);
    const partnerId = seededUuid(random);
    const organizationId = seededUuid(random);
    const record = (
      seed: ResolvedOptions["tenants"][number],
      owner: { partnerId: string; organizationId: string | undefined; listed: boolean },
    ): TenantRecord => {
      const id = seededUuid(random);
      const tenant: SophosTenant = {
        id,
        name: seed.name,
        showAs: seed.name,
        dataGeography: GEOGRAPHY[seed.region ?? ""] ?? "US",
        billingType: seed.billingType,
        partner: { id: owner.partnerId },
      };
      if (owner.organizationId) tenant.organization = { id: owner.organizationId };
      if (seed.region !== null) {
        tenant.dataRegion = seed.region;
        tenant.apiHost = regionUrls[seed.region];
        tenant.status = "active";
      }
      const data = new SophosTenantData(random, { id, name: seed.name }, seed, now);
      return { tenant, region: seed.region, partnerId: owner.partnerId, partnerManaged: seed.partnerManaged, organizationId: owner.organizationId, listed: owner.listed, data };
    };

    this.tenants = options.tenants.map((seed) =>
      record(seed, { partnerId, organizationId: seed.inOrganization ? organizationId : undefined, listed: true }),
    );
    const foreignSeed = { ...options.tenants[0]!, name: "Another partner's customer", endpoints: 2, alerts: 1, siemEvents: 2, siemAlerts: 1 };
    this.foreignTenant = record(foreignSeed, { partnerId: seededUuid(random), organizationId: seededUuid(random), listed: false });
    for (const tenant of [...this.tenants, this.foreignTenant]) this.#byId.set(tenant.tenant.id, tenant);

    const own = this.tenants[0]!;
    this.principals = [
      { type: "tenant", id: own.tenant.id, ...options.credentials.tenant },
      { type: "partner", id: partnerId, ...options.credentials.partner },
      { type: "organization", id: organizationId, ...options.credentials.organization },
    ];
  }

  principal(type: SophosPrincipalType): Principal {
    return this.principals.find((p) => p.type === type)!;
  }

  principalByClientId(clientId: string): Principal | undefined {
    return this.principals.find((p) => p.clientId === clientId);
  }

  tenant(id: string): TenantRecord | undefined {
    return this.#byId.get(id);
  }

  /** Tenants a partner or organization lists, in creation order. */
  tenantsOf(principal: Principal): TenantRecord[] {
    if (principal.type === "partner") return this.tenants.filter((t) => t.listed && t.partnerId === principal.id);
    if (principal.type === "organization") return this.tenants.filter((t) => t.organizationId === principal.id);
    return [];
  }

  /** Whether `principal` may call the tenant's own APIs (Endpoint, Common, SIEM). */
  mayAccess(principal: Principal, tenant: TenantRecord): boolean {
    switch (principal.type) {
      case "tenant":
        return principal.id === tenant.tenant.id;
      case "partner":
        return tenant.partnerId === principal.id && tenant.partnerManaged;
      case "organization":
        return tenant.organizationId === principal.id;
    }
  }
}
