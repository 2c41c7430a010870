import type { ClientDefinition, OptionDeclaration } from "@secfetch/auth";
import type { VendorIR } from "../ir/vendor-ir.js";
import { emitFeatures } from "./emit-features.js";
import { generatedHeader, literal, tsdoc } from "./header.js";

/** `src/generated/client.ts`: the definition constant, the options and page types, the factory. */
export function emitClient(ir: VendorIR, extendsClient = false): string {
  const name = ir.clientName;
  const features = emitFeatures(ir);
  const definition: ClientDefinition = {
    packageName: ir.packageName,
    servers: Object.fromEntries(ir.servers.map((server, index) => [server.region ?? (index === 0 ? "default" : `server${index}`), server.url])),
    regional: ir.regional,
    auth: ir.auth,
    pagination: Object.fromEntries(ir.paged.map((page) => [page.path, page.declaration])),
    ...(ir.jobs.length > 0 ? { jobs: Object.fromEntries(ir.jobs.map((job) => [job.path, job.declaration])) } : {}),
    retrySafe: ir.retrySafe,
    ...(ir.noReauth.length > 0 ? { noReauth: ir.noReauth } : {}),
    ...(ir.rateLimit ? { rateLimit: ir.rateLimit } : {}),
  };

  // With several sign-in modes, an option one mode requires is optional in the shared part and
  // required in that mode's branch of the union, so TypeScript asks for one complete set.
  const multiMode = ir.auth.modes.length > 1;
  const modeRequired = new Set(multiMode ? ir.auth.modes.flatMap((mode) => mode.requires) : []);
  const optionLines = Object.entries(ir.auth.options).map(([option, spec]) =>
    optionMember(option, modeRequired.has(option) ? { ...spec, required: false } : spec),
  );
  if (ir.regional) {
    const hosts = ir.servers.map((server) => `- \`${server.region}\`: ${server.url}`);
    optionLines.push(
      `${tsdoc(["The vendor region whose API host the client calls (its token is requested there too).", ...hosts, `@defaultValue ${literal(ir.servers[0]?.region ?? "")}`], "  ")}  region?: ${name}Region | undefined;`,
    );
  }

  if (ir.baseUrlRequired) {
    optionLines.unshift(`${tsdoc([`Host root of your server, e.g. \`${ir.servers[0]?.url ?? ""}\` filled in. Required: this API has no default host.`], "  ")}  baseUrl: string;`);
  }
  const extended = ["CommonClientOptions"];
  if (ir.auth.modes.some((mode) => mode.challenge)) extended.push("ChallengeClientOptions");
  if (ir.auth.discover) extended.push("DiscoveryClientOptions");
  const pages = ir.paged.map((page) => `  ${literal(page.path)}: ${itemType(page.path, page.itemPath, page.mediaType)};`);
  const jobs = ir.jobs.map((job) => {
    const results = job.declaration.results;
    const statusBody = responseType(job.declaration.status, "get", "200", ir.paged.find((page) => page.path === job.declaration.status)?.mediaType ?? "application/json");
    const item = results === undefined ? "never" : `${name}Pages[${literal(results)}]`;
    return `  ${literal(job.path)}: { start: ${responseType(job.path, "post", job.startStatus, job.startMediaType)}; status: ${statusBody}; item: ${item} };`;
  });
  const regionType = ir.regional ? `\n/** Region names of the spec's servers. */\nexport type ${name}Region = ${ir.servers.map((server) => literal(server.region ?? "")).join(" | ")};\n` : "";

  return `${generatedHeader(ir)}import { ${extendsClient ? "" : "createApiClient, "}type ClientDefinition, ${extended.map((name) => `type ${name}`).join(", ")}, type SecfetchClient } from "@secfetch/auth";
${features.importLine}
import type { paths } from "./schema.js";

/** What ${ir.specFile} declares about servers, sign-in, paging and retries, as data for @secfetch/auth. */
export const definition = {\n${features.member}\n${JSON.stringify(definition, null, 2).slice(2)} as const satisfies ClientDefinition;
${regionType}
/** Options of \`create${name}Client\`: the credentials the spec declares, plus those every secfetch client takes. */
export interface ${name}ClientOptions extends ${extended.join(", ")} {
${optionLines.join("\n")}
}

${
    multiMode
      ? `/** One complete set of credentials, one per sign-in mode the spec declares. */
export type ${name}Credentials =
${ir.auth.modes.map((mode) => `  | { ${mode.requires.map((option) => `${option}: ${optionType(ir.auth.options[option] ?? {})}`).join("; ")} }`).join("\n")};

`
      : ""
  }/** The item type \`paginate()\` yields, per paged path. */
export interface ${name}Pages {
${pages.join("\n")}
}

/** What each long-running job's start answers, its status reads and its results hold, per starting path. */
export interface ${name}Jobs {${jobs.length > 0 ? `\n${jobs.join("\n")}\n` : ""}}

${
    ir.externalPaths.length > 0
      ? `/** The paths this client calls: those on another host (${ir.externalPaths.join(", ")}) are sign-in steps the client runs itself. */
export type ${name}Paths = Omit<paths, ${ir.externalPaths.map(literal).join(" | ")}>;

`
      : `/** The paths this client calls. */
export type ${name}Paths = paths;

`
  }${extendsClient ? baseClient(ir) : factory(ir, multiMode)}`;
}

/**
 * A vendor with a hand-written layer (\`src/extras/client.ts\`) gets the spec's client type only:
 * its own \`create…Client\` wraps the engine with the vendor's methods, and imports from here —
 * never the other way round.
 */
function baseClient(ir: VendorIR): string {
  const name = ir.clientName;
  return `/** A ${ir.title} client as the spec alone describes it: openapi-fetch typed by the spec, with \`paginate\` and \`auth\`. \`create${name}Client\` adds the vendor's own methods. */
export type ${name}BaseClient = SecfetchClient<${name}Paths, ${name}Pages, ${name}Jobs>;
`;
}

function factory(ir: VendorIR, multiMode: boolean): string {
  const name = ir.clientName;
  return `/** A ${ir.title} client: openapi-fetch typed by the spec, with \`paginate\` and \`auth\`. */
export type ${name}Client = SecfetchClient<${name}Paths, ${name}Pages, ${name}Jobs>;

${tsdoc([
  `Creates a ${ir.title} client. It signs in as the spec declares, keeps the token fresh,`,
  "retries what is safe to retry and replays once after a refusal.",
  "@throws ConfigurationError synchronously, for a missing or malformed option.",
])}export function create${name}Client(options: ${name}ClientOptions${multiMode ? ` & ${name}Credentials` : ""}): ${name}Client {
  return createApiClient<${name}Paths, ${name}Pages, ${name}Jobs>(definition, options);
}
`;
}

function optionType(spec: OptionDeclaration): string {
  const base =
    spec.type === "number" ? "number" : spec.type === "boolean" ? "boolean" : spec.enum ? spec.enum.map((value) => literal(String(value))).join(" | ") : "string";
  return spec.type === "string[]" ? `Array<${base}>` : base;
}

function optionMember(option: string, spec: OptionDeclaration): string {
  const type = optionType(spec);
  const doc = tsdoc(
    [
      spec.description,
      spec.secret ? "Secret: never shown in errors, events or logs." : undefined,
      spec.default !== undefined ? `@defaultValue ${JSON.stringify(spec.default)}` : undefined,
    ],
    "  ",
  );
  // `| undefined` on optional ones: a user under exactOptionalPropertyTypes may pass `process.env.X`.
  return `${doc}  ${option}${spec.required ? `: ${type}` : `?: ${type} | undefined`};`;
}

/** The JSON body type of one response of an operation. */
function responseType(path: string, method: string, status: string, mediaType: string): string {
  return `NonNullable<paths[${literal(path)}][${literal(method)}]["responses"][${status}]["content"]>[${literal(mediaType)}]`;
}

/** The element type at a JSON pointer inside the path's 200 JSON response. */
function itemType(path: string, itemPath: string[], mediaType: string): string {
  let type = `paths[${literal(path)}]["get"]["responses"][200]["content"][${literal(mediaType)}]`;
  for (const segment of itemPath) type = `NonNullable<${type}>[${literal(segment)}]`;
  // Extract: a page's data may be declared as either a list or a string (CSV); paging yields list items.
  return `Extract<NonNullable<${type}>, readonly unknown[]>[number]`;
}
