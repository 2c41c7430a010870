import type { ClientDefinition, ModeDeclaration, OptionDeclaration } from "../declaration/types.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { isSecureForCredentials, PLAIN_HTTP_HINT } from "../util/loopback.js";
import { COMMON_OPTION_NAMES, type CommonClientOptions } from "./client-options.js";

export interface ResolvedOptions {
  /** Declared option values after defaults, plus `baseUrl`: what templates are filled from. */
  values: Record<string, unknown>;
  baseUrl: string;
  mode: ModeDeclaration;
  /** Values of options declared secret, for the redactor. */
  secrets: string[];
  timeoutMs: number | undefined;
  maxResponseBytes: number | undefined;
  maxRetries: number | undefined;
  ca: string[] | undefined;
  rateLimit: { requestsPerSecond: number } | undefined;
  pushPollIntervalMs: number | undefined;
  pushDeadlineMs: number | undefined;
  onChallenge: ((challenge: { challenge: string; method: string; session?: string }) => string | Promise<string>) | undefined;
  isTrustedApiHost: ((url: URL) => boolean) | undefined;
  /** Hosts the user allowed plain http for (`allowPlainHttpHosts`), as `URL.host` spells them. */
  plainHttpHosts: ReadonlySet<string>;
}

/**
 * Checks a factory's options against the spec's declaration, synchronously, and says exactly
 * which option is wrong and what to pass instead. No value of a secret option is ever echoed.
 */
export function resolveOptions(definition: ClientDefinition, input: unknown): ResolvedOptions {
  const source = definition.packageName;
  const fail = (option: string, message: string, hint: string): never => {
    throw new ConfigurationError(`${source}: ${message}`, { option, hint });
  };
  if (input === null || typeof input !== "object") {
    const ways = definition.auth.modes.map((candidate) => `{ ${candidate.requires.join(", ")} }`).join(" or ");
    fail("options", "the factory needs an options object.", `Pass the credentials: ${ways}.`);
  }
  const options = input as CommonClientOptions & Record<string, unknown>;
  const declared = definition.auth.options;
  const extra = new Set<string>();
  if (definition.regional) extra.add("region");
  if (definition.auth.modes.some((candidate) => candidate.challenge)) for (const name of ["onChallenge", "pushPollIntervalMs", "pushDeadlineMs"]) extra.add(name);
  if (definition.auth.discover) extra.add("isTrustedApiHost");
  for (const name of Object.keys(options)) {
    const known = name in declared || COMMON_OPTION_NAMES.has(name) || extra.has(name);
    if (!known && options[name] !== undefined) {
      const all = [...Object.keys(declared), ...extra, ...COMMON_OPTION_NAMES];
      fail(name, `unknown option \`${name}\`.`, `Check the spelling; the known options are ${all.join(", ")}.`);
    }
  }

  const plainHttpHosts = resolvePlainHttpHosts(options.allowPlainHttpHosts, fail);
  const checkUrl = (option: string, raw: string) => checkHostRoot(option, raw, plainHttpHosts, fail);
  const values: Record<string, unknown> = {};
  const secrets: string[] = [];
  for (const [name, spec] of Object.entries(declared)) {
    const value = options[name] ?? spec.default;
    if (value === undefined) {
      if (spec.required) fail(name, `option \`${name}\` is required.`, describe(spec, name));
      continue;
    }
    checkType(name, spec, value, fail);
    values[name] = spec.format === "url" ? checkUrl(name, value as string) : value;
    if (spec.secret) secrets.push(...(Array.isArray(value) ? value.map(String) : [typeof value === "string" ? value : JSON.stringify(value)]));
  }

  const baseUrl = resolveBaseUrl(definition, options, checkUrl, fail);
  values.baseUrl = baseUrl;

  const mode = definition.auth.modes.find((candidate) => candidate.requires.every((name) => values[name] !== undefined));
  if (!mode) {
    const ways = definition.auth.modes.map((candidate) => candidate.requires.join(" + ")).join("; or ");
    // The sign-in the user evidently chose: the one most of whose credentials were given.
    const given = (candidate: ModeDeclaration) => candidate.requires.filter((name) => values[name] !== undefined).length;
    const closest = [...definition.auth.modes].sort((a, b) => given(b) - given(a))[0];
    const missing = closest ? closest.requires.filter((name) => values[name] === undefined) : [];
    if (closest && given(closest) > 0) {
      const list = missing.map((name) => `\`${name}\``).join(" and ");
      fail(missing[0]!, `${list} ${missing.length === 1 ? "is" : "are"} missing for the ${closest.name} sign-in (${closest.requires.join(" + ")}).`, `Pass ${list}, or another set of credentials: ${ways}.`);
    }
    fail(definition.auth.modes[0]?.requires[0] ?? "options", "the options name no complete set of credentials.", `Pass ${ways}.`);
  }
  // A secret that only another sign-in uses means two credentials were given: which one was meant?
  const stray = Object.keys(declared).find(
    (name) => declared[name]!.secret && options[name] !== undefined && !mode!.requires.includes(name) && definition.auth.modes.some((other) => other.requires.includes(name)),
  );
  if (stray) {
    const ways = definition.auth.modes.map((candidate) => candidate.requires.join(" + ")).join("; or ");
    fail(stray, `\`${stray}\` belongs to another sign-in than ${mode!.requires.join(" + ")}; pass one set of credentials.`, `Pass ${ways}, not two of them.`);
  }

  const { timeoutMs, maxRetries, ca, maxResponseBytes } = options;
  // Timers take at most 2^31 − 1 ms; a longer one fires at once.
  if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
    fail("timeoutMs", "`timeoutMs` must be a positive number of milliseconds, at most 2147483647.", "Pass a positive number, or leave it out for the default of 30 000.");
  }
  if (maxResponseBytes !== undefined && !(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)) {
    fail("maxResponseBytes", "`maxResponseBytes` must be a whole number of bytes, 1 or more.", "Leave it out for the default of 64 MiB.");
  }
  if (options.tokenStore !== undefined && !isTokenStore(options.tokenStore)) {
    fail("tokenStore", "`tokenStore` must be an object with get, set and delete functions.", "Use createMemoryTokenStore(), or leave it out for an in-memory store.");
  }
  if (options.onEvent !== undefined && typeof options.onEvent !== "function") {
    fail("onEvent", "`onEvent` must be a function that takes an event.", "Pass (event) => …, or leave it out.");
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    fail("maxRetries", "`maxRetries` must be a whole number, 0 or more.", "Pass 0 to turn retries off; leave it out for 2.");
  }
  const caList = ca === undefined ? undefined : Array.isArray(ca) ? ca : [ca];
  if (caList && !caList.every((pem) => typeof pem === "string" && pem.includes("-----BEGIN CERTIFICATE-----"))) {
    fail("ca", "`ca` must be PEM text (or a list of them) starting with -----BEGIN CERTIFICATE-----.", "Read the certificate file's text and pass that, not its path.");
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    fail("fetch", "`fetch` must be a function with the signature of the global fetch.", "Leave it out to use the global fetch.");
  }
  for (const name of ["onChallenge", "isTrustedApiHost"] as const) {
    if (options[name] !== undefined && typeof options[name] !== "function") fail(name, `\`${name}\` must be a function.`, "See the package README for its signature.");
  }
  for (const name of ["pushPollIntervalMs", "pushDeadlineMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === "number" && value > 0 && value <= MAX_TIMER_MS)) {
      fail(name, `\`${name}\` must be a positive number of milliseconds.`, "Pass a positive number, or leave it out for the spec's default.");
    }
  }
  const rateLimit = options.rateLimit === undefined ? definition.rateLimit : options.rateLimit === false ? undefined : options.rateLimit;
  if (rateLimit !== undefined && !(typeof rateLimit === "object" && rateLimit !== null && rateLimit.requestsPerSecond > 0)) {
    fail("rateLimit", "`rateLimit` must be `{ requestsPerSecond: n }` with n > 0, or false.", "Leave it out for the vendor's declared limit.");
  }
  return {
    values,
    baseUrl,
    mode: mode as ModeDeclaration,
    secrets,
    timeoutMs,
    maxResponseBytes,
    maxRetries,
    ca: caList,
    rateLimit,
    pushPollIntervalMs: options.pushPollIntervalMs as number | undefined,
    pushDeadlineMs: options.pushDeadlineMs as number | undefined,
    onChallenge: options.onChallenge as ResolvedOptions["onChallenge"],
    isTrustedApiHost: options.isTrustedApiHost as ResolvedOptions["isTrustedApiHost"],
    plainHttpHosts,
  };
}

function resolvePlainHttpHosts(value: unknown, fail: (option: string, message: string, hint: string) => never): ReadonlySet<string> {
  if (value === undefined) return new Set();
  const hint = "Pass host names as `URL.host` spells them, e.g. [\"insight.corp.example:8080\"].";
  if (!Array.isArray(value) || !value.every((host) => typeof host === "string" && host.length > 0)) {
    return fail("allowPlainHttpHosts", "`allowPlainHttpHosts` must be a list of host names.", hint);
  }
  return new Set(
    value.map((host: string) => {
      let parsed: URL | undefined;
      try {
        parsed = new URL(`http://${host}`);
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.pathname !== "/" || parsed.search || parsed.hash || parsed.username) fail("allowPlainHttpHosts", `\`${host}\` is not a host name.`, hint);
      // As `URL.host` spells it (lower case, no default port), the form requests are checked in.
      return parsed.host;
    }),
  );
}

function resolveBaseUrl(
  definition: ClientDefinition,
  options: CommonClientOptions & Record<string, unknown>,
  checkUrl: (option: string, raw: string) => string,
  fail: (option: string, message: string, hint: string) => never,
): string {
  const regions = Object.keys(definition.servers);
  let fallback = definition.servers[regions[0] ?? ""];
  if (definition.regional && options.region !== undefined && options.baseUrl !== undefined) {
    fail("region", "`region` and `baseUrl` both name the host; the client would use one and ignore the other.", "Pass `region` for a vendor host, or `baseUrl` for any other host, not both.");
  }
  if (definition.regional && options.region !== undefined) {
    const region = options.region;
    if (typeof region !== "string" || !(region in definition.servers)) {
      fail("region", `unknown region${typeof region === "string" ? ` \`${region}\`` : ""}.`, `Use one of: ${regions.join(", ")}.`);
    }
    fallback = definition.servers[region];
  }
  // A server URL with template holes (`https://{appliance}`) only documents the shape: no default.
  const raw = options.baseUrl ?? (fallback?.includes("{") ? undefined : fallback);
  if (typeof raw !== "string" || raw.length === 0) {
    return fail("baseUrl", "`baseUrl` is required for this vendor.", `Pass the host root of your server${fallback ? ` (${fallback})` : ""}.`);
  }
  return checkUrl("baseUrl", raw);
}

/** A host root a client sends credentials to: absolute, https (or loopback http), nothing but scheme, host and path. */
function checkHostRoot(option: string, raw: string, plainHttpHosts: ReadonlySet<string>, fail: (option: string, message: string, hint: string) => never): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not echoed: a malformed URL may still carry a password in its user-info part.
    return fail(option, `\`${option}\` is not a valid URL.`, "Pass an absolute URL such as https://host.example.com.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    fail(option, `\`${option}\` must use https (got ${url.protocol}).`, "Pass an https:// URL.");
  }
  if (url.username || url.password || url.search || url.hash) {
    fail(option, `\`${option}\` must be a bare host root without credentials, query or fragment.`, "Pass credentials as options, not in the URL.");
  }
  if (!isSecureForCredentials(url, plainHttpHosts)) {
    fail(option, `\`${option}\` is plain http, so credentials would travel unencrypted to ${url.host}.`, PLAIN_HTTP_HINT);
  }
  return url.href.replace(/\/+$/, "");
}

function checkType(name: string, spec: OptionDeclaration, value: unknown, fail: (o: string, m: string, h: string) => never): void {
  const hint = describe(spec, name);
  const type = spec.type ?? "string";
  const ok =
    type === "string[]"
      ? Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string" && item.length > 0)
      : type === "string"
        ? typeof value === "string" && value.length > 0
        : typeof value === type;
  if (!ok) fail(name, `option \`${name}\` must be ${type === "string[]" ? "a list of one or more non-empty strings" : type === "string" ? "a non-empty string" : `a ${type}`}.`, hint);
  if (spec.enum) {
    const allowed = spec.enum;
    const bad = (Array.isArray(value) ? value : [value]).filter((item) => !allowed.includes(item));
    if (bad.length > 0) {
      const shown = spec.secret ? "" : ` (${bad.map(String).join(", ")})`;
      fail(name, `option \`${name}\` has a value that is not allowed${shown}.`, `Use: ${allowed.map(String).join(", ")}.`);
    }
  }
}

function describe(spec: OptionDeclaration, name: string): string {
  return spec.description ? `Pass \`${name}\`: ${lowerFirstWord(spec.description)}` : `Pass \`${name}\` (see the package README).`;
}

/** "Client ID of …" reads on after a colon as "client ID of …"; an acronym ("API key") keeps its case. */
function lowerFirstWord(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

/** The longest delay a JavaScript timer takes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function isTokenStore(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const store = value as Record<string, unknown>;
  return ["get", "set", "delete"].every((name) => typeof store[name] === "function");
}
