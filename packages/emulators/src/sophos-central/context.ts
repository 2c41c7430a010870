import type { RequestContext as SharedRequestContext } from "../shared/request-pipeline.js";
import type { TokenIssuer } from "../shared/token-issuer.js";
import type { SpecEngine, ValidatedRequest } from "../spec/index.js";
import type { ResolvedOptions } from "./options.js";
import type { Principal, SophosWorld, TenantRecord } from "./state.js";

/** Which of the emulated hosts a request reached. */
export type HostKind = { kind: "id" } | { kind: "global" } | { kind: "region"; region: string };

/** Base URLs of the running hosts. */
export interface HostUrls {
  readonly id: string;
  readonly global: string;
  readonly regions: Readonly<Record<string, string>>;
}

/** Who is calling, after the token and the identity header were checked. */
export interface Caller {
  readonly principal: Principal;
  /** The tenant named by `X-Tenant-ID`, for tenant routes. */
  readonly tenant?: TenantRecord;
}

/** Everything a route handler needs about one request, and which host it reached. */
export interface HostRequestContext extends SharedRequestContext {
  readonly host: HostKind;
}

/** A request a route handles: its values as checked against the spec (the token route reads its own form). */
export interface RequestContext extends HostRequestContext {
  readonly input: ValidatedRequest;
}

/** The emulator's shared pieces, handed to every handler. */
export interface Environment {
  readonly options: ResolvedOptions;
  /** Replaced by `reset()`. */
  world: SophosWorld;
  readonly tokens: TokenIssuer;
  readonly urls: HostUrls;
  /** Checks every request against the spec, and serves what no route here overrides. */
  readonly engine: SpecEngine;
}

/**
 * What a route needs from the caller: nothing but a form body (`token`), a bearer token only
 * (`whoami`), or a bearer token plus the identity header of its kind of path.
 */
export type Access = "token" | "whoami" | "partner" | "organization" | "tenant";

/** A route of this emulator: the token route needs no caller, every other route gets one. */
export type SophosRoute =
  | { readonly method: "POST"; readonly path: string; readonly access: "token"; handle(ctx: RequestContext, env: Environment): void }
  | {
      readonly method: string;
      readonly path: string;
      readonly access: Exclude<Access, "token">;
      handle(ctx: RequestContext, env: Environment, caller: Caller): Promise<void> | void;
    };

/** The query as sent: the spec has refused unknown, repeated and mistyped parameters before a route runs. */
export function queryOf(ctx: RequestContext): Map<string, string> {
  return new Map(ctx.url.searchParams);
}

/** The tenant of a tenant route (the gatekeeper has set it). */
export function tenantOf(caller: Caller): TenantRecord {
  if (!caller.tenant) throw new Error("tenant route without a tenant");
  return caller.tenant;
}
