import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { declarationSchemas, readmeExampleSchema } from "./extension-schemas.js";
import { resolveRef, toPointer } from "./json-pointer.js";
import { SpecError, type LoadedSpec } from "./read-spec.js";

export interface SpecProblem {
  pointer: string;
  message: string;
}

type Validators = Record<"checkAuth" | "checkPaginate" | "checkRateLimit" | "checkJob" | "checkReadmeExample", ValidateFunction>;
let compiled: Validators | undefined;

/** Compiled on first use, from the derived schemas as they are then. */
function validators(): Validators {
  if (compiled) return compiled;
  // `discriminator`: a bad field of one paging scheme is reported against that scheme alone.
  // `verbose`: an error carries its schema, so an unknown discriminator value can list the known ones.
  const ajv = new Ajv({ allErrors: true, strict: false, discriminator: true, verbose: true });
  const schemas = declarationSchemas();
  compiled = {
    checkAuth: ajv.compile(schemas.auth),
    checkPaginate: ajv.compile(schemas.paginate),
    checkRateLimit: ajv.compile(schemas.rateLimit),
    checkJob: ajv.compile(schemas.job),
    checkReadmeExample: ajv.compile(readmeExampleSchema),
  };
  return compiled;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const NON_IDEMPOTENT = new Set(["post", "patch"]);
/** Values a template may use besides the declared options. */
const BUILT_IN_VALUES = new Set(["baseUrl", "accessToken", "tokenType"]);

/**
 * Checks what the generator relies on and Redocly cannot: the `x-secfetch-*` extensions and
 * how they refer to options, parameters and responses. Throws one `SpecError` listing every
 * problem as `file#/json/pointer: message`.
 */
export function validateSpec(spec: LoadedSpec): void {
  const { checkAuth, checkPaginate, checkRateLimit, checkJob, checkReadmeExample } = validators();
  const problems: SpecProblem[] = [];
  const add = (segments: ReadonlyArray<string | number>, message: string) => problems.push({ pointer: toPointer(segments), message });
  const doc = spec.document;
  const info = (doc.info ?? {}) as Record<string, unknown>;

  if (typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.1")) add(["openapi"], "must be 3.1.x");
  if (info["x-secfetch-package"] !== spec.vendor) add(["info", "x-secfetch-package"], `must equal the spec's folder name, "${spec.vendor}"`);
  if (typeof info["x-secfetch-client"] !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(info["x-secfetch-client"])) {
    add(["info", "x-secfetch-client"], "must be a PascalCase name such as AcmeSecurity (the factory becomes createAcmeSecurityClient)");
  }

  const dependencies = info["x-secfetch-dependencies"];
  if (dependencies !== undefined) {
    const ok = dependencies !== null && typeof dependencies === "object" && Object.values(dependencies).every((range) => typeof range === "string" && /^\d+\.\d+\.\d+$/.test(range));
    if (!ok) add(["info", "x-secfetch-dependencies"], "must map package names to exact versions (pinned: 1.2.3)");
  }

  const imports = info["x-secfetch-imports"];
  if (imports !== undefined) {
    const isTargets = (targets: unknown) =>
      targets !== null && typeof targets === "object" && Object.values(targets).every((target) => typeof target === "string" && target.length > 0);
    const ok = imports !== null && typeof imports === "object" && Object.entries(imports).every(([name, targets]) => /^#[a-z0-9-]+$/.test(name) && isTargets(targets) && "default" in (targets as object));
    if (!ok) add(["info", "x-secfetch-imports"], "must map #names to package.json import conditions (each with a `default`), e.g. { \"#csv\": { browser: \"csv/browser\", default: \"csv\" } }");
  }

  const servers = Array.isArray(doc.servers) ? (doc.servers as Array<Record<string, unknown>>) : [];
  if (servers.length === 0) add(["servers"], "must list at least one server (the default API host)");
  const regions = servers.map((server) => server["x-secfetch-region"]);
  if (regions.some((region) => region !== undefined)) {
    regions.forEach((region, index) => {
      if (typeof region !== "string" || !/^[a-z][a-z0-9-]*$/.test(region)) add(["servers", index, "x-secfetch-region"], "every server needs a lower-case region name once any has one");
      else if (regions.indexOf(region) !== index) add(["servers", index, "x-secfetch-region"], `duplicate region "${region}"`);
    });
  }

  const auth = doc["x-secfetch-auth"] as Record<string, unknown> | undefined;
  if (auth === undefined) add(["x-secfetch-auth"], "is required: declare how the client signs in (see specs/README.md)");
  else if (!checkAuth(auth)) ajvProblems(checkAuth.errors, ["x-secfetch-auth"], problems);
  else checkAuthReferences(auth, add);

  // CSV pages are parsed with the csv-parse the vendor package brings, through its `#csv-parse` import.
  const csvPages = Object.values((doc.paths ?? {}) as Record<string, Record<string, Record<string, unknown>> | undefined>).some(
    (item) => (item?.get?.["x-secfetch-paginate"] as { itemsText?: string } | undefined)?.itemsText === "csv",
  );
  if (csvPages && !(imports as Record<string, unknown> | undefined)?.["#csv-parse"]) {
    add(["info", "x-secfetch-imports"], 'must map "#csv-parse" (browser: csv-parse/browser/esm/sync, default: csv-parse/sync) when a paged operation declares itemsText: csv');
  }
  if (csvPages && !(dependencies as Record<string, unknown> | undefined)?.["csv-parse"]) add(["info", "x-secfetch-dependencies"], "must pin csv-parse when a paged operation declares itemsText: csv");

  // A delegates list is walked with the client's paginate: each path must be a paged GET.
  const delegates = (auth?.discover as { delegates?: { list?: Record<string, string> } } | undefined)?.delegates;
  for (const [kind, path] of Object.entries(delegates?.list ?? {})) {
    const get = (doc.paths as Record<string, Record<string, Record<string, unknown>> | undefined> | undefined)?.[path]?.get;
    if (!get?.["x-secfetch-paginate"]) add(["x-secfetch-auth", "discover", "delegates", "list", kind], `names ${path}, which is not a paged GET of this spec (x-secfetch-paginate)`);
  }

  const rateLimit = doc["x-secfetch-rate-limit"];
  if (rateLimit !== undefined && !checkRateLimit(rateLimit)) ajvProblems(checkRateLimit.errors, ["x-secfetch-rate-limit"], problems);

  const paths = (doc.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [route, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item?.[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      const at = ["paths", route, method];
      const paginate = operation["x-secfetch-paginate"];
      if (paginate !== undefined) {
        if (method !== "get") add([...at, "x-secfetch-paginate"], "only GET operations can be paged");
        if (!checkPaginate(paginate)) ajvProblems(checkPaginate.errors, [...at, "x-secfetch-paginate"], problems);
        else checkPaginateReferences(doc, item, operation, paginate as unknown as Record<string, unknown>, [...at, "x-secfetch-paginate"], add);
      }
      const job = operation["x-secfetch-job"];
      if (job !== undefined) {
        if (method !== "post") add([...at, "x-secfetch-job"], "only POST operations can start a job");
        if (!checkJob(job)) ajvProblems(checkJob.errors, [...at, "x-secfetch-job"], problems);
        else checkJobReferences(doc, route, job as unknown as JobShape, [...at, "x-secfetch-job"], add);
      }
      const example = operation["x-secfetch-readme-example"];
      if (example !== undefined && !checkReadmeExample(example)) ajvProblems(checkReadmeExample.errors, [...at, "x-secfetch-readme-example"], problems);
      const reauth = operation["x-secfetch-reauth"];
      if (reauth !== undefined && reauth !== false) add([...at, "x-secfetch-reauth"], "can only be false (the default is to sign in again once)");
      const retrySafe = operation["x-secfetch-retry-safe"];
      if (retrySafe !== undefined && (typeof retrySafe !== "boolean" || !NON_IDEMPOTENT.has(method))) {
        add([...at, "x-secfetch-retry-safe"], "must be a boolean on a POST or PATCH operation (other methods are retried anyway)");
      }
    }
  }

  if (problems.length > 0) {
    throw new SpecError(
      `${spec.file} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((problem) => `  ${spec.file}#${problem.pointer}: ${problem.message}`).join("\n"),
    );
  }
}

function ajvProblems(errors: ErrorObject[] | null | undefined, base: string[], problems: SpecProblem[]): void {
  for (const error of errors ?? []) {
    if (error.keyword === "if") continue;
    if (error.keyword === "discriminator") {
      const { tag, tagValue } = error.params as { tag: string; tagValue: unknown };
      const known = ((error.parentSchema as { oneOf?: Array<{ properties?: Record<string, { const?: unknown }> }> } | undefined)?.oneOf ?? []).map((branch) => branch.properties?.[tag]?.const);
      problems.push({ pointer: `${toPointer(base)}${error.instancePath}/${tag}`, message: `must be one of ${known.join(", ")} (got ${JSON.stringify(tagValue)})` });
      continue;
    }
    const detail =
      error.keyword === "enum"
        ? `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`
        : error.keyword === "additionalProperties"
          ? `has an unknown key "${(error.params as { additionalProperty: string }).additionalProperty}"`
          : (error.message ?? "is invalid");
    problems.push({ pointer: toPointer(base) + error.instancePath, message: detail });
  }
}

function checkAuthReferences(auth: Record<string, unknown>, add: (segments: Array<string | number>, message: string) => void): void {
  const options = auth.options as Record<string, { type?: string; default?: unknown; enum?: unknown[] }>;
  const known = new Set([...Object.keys(options), ...BUILT_IN_VALUES]);
  (auth.modes as Array<Record<string, unknown>>).forEach((mode, index) => {
    const kinds = ["token", "exchange", "static"].filter((kind) => mode[kind] !== undefined);
    if (kinds.length !== 1) add(["x-secfetch-auth", "modes", index], `must declare exactly one of token, exchange or static (it declares ${kinds.length === 0 ? "none" : kinds.join(" and ")})`);
  });
  for (const [name, option] of Object.entries(options)) {
    if (option.default !== undefined && !matchesType(option.default, option.type ?? "string")) {
      add(["x-secfetch-auth", "options", name, "default"], `does not match the option's type (${option.type ?? "string"})`);
    }
  }
  const session = auth.session as { steps?: Array<{ capture?: Record<string, unknown> }> } | undefined;
  for (const step of session?.steps ?? []) for (const name of Object.keys(step.capture ?? {})) known.add(name);
  const discover = auth.discover as { cases?: Record<string, unknown> } | undefined;
  if (discover) known.add("id");
  const challenge = new Set(["challenge", "method", "session", "response"]);

  const checkTemplates = (value: unknown, at: Array<string | number>, extra: Set<string> = new Set()) => {
    if (typeof value === "string") {
      for (const [, hole] of value.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
        if (!known.has(hole as string) && !extra.has(hole as string)) add(at, `uses {${hole}}, which is neither a declared option nor a captured value`);
      }
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) checkTemplates(item, [...at, key], extra);
    }
  };
  (auth.modes as Array<Record<string, unknown>>).forEach((mode, index) => {
    for (const name of mode.requires as string[]) {
      if (!(name in options)) add(["x-secfetch-auth", "modes", index, "requires"], `names "${name}", which is not a declared option`);
    }
    checkTemplates(mode.token, ["x-secfetch-auth", "modes", index, "token"]);
    checkTemplates(mode.static, ["x-secfetch-auth", "modes", index, "static"]);
    checkTemplates(mode.challenge, ["x-secfetch-auth", "modes", index, "challenge"], challenge);
  });
  checkTemplates(auth.apply, ["x-secfetch-auth", "apply"]);
  checkTemplates(auth.discover, ["x-secfetch-auth", "discover"]);
  checkTemplates(auth.session, ["x-secfetch-auth", "session"]);
  const applyBy = (auth.session as { applyBy?: { option?: string } } | undefined)?.applyBy;
  if (applyBy?.option !== undefined && !(applyBy.option in options)) {
    add(["x-secfetch-auth", "session", "applyBy", "option"], `names "${applyBy.option}", which is not a declared option`);
  }
}

function checkPaginateReferences(
  doc: Record<string, unknown>,
  pathItem: Record<string, unknown>,
  operation: Record<string, unknown>,
  paginate: Record<string, unknown>,
  at: Array<string | number>,
  add: (segments: Array<string | number>, message: string) => void,
): void {
  const parameters = [...((pathItem.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])]
    .map((parameter) => resolveRef<{ name?: string; in?: string }>(doc, parameter))
    .filter((parameter) => parameter?.in === "query")
    .map((parameter) => parameter.name);
  for (const key of ["param", "pageSize", "replaces"] as const) {
    const name = paginate[key];
    if (typeof name === "string" && !parameters.includes(name)) add([...at, key], `names the query parameter "${name}", which the operation does not declare`);
  }
  const ok = resolveRef<Record<string, unknown>>(doc, (operation.responses as Record<string, unknown> | undefined)?.["200"]);
  const content = (ok?.content ?? {}) as Record<string, { schema?: unknown }>;
  const media = Object.keys(content).find((type) => /^application\/([a-z.+-]+\+)?json$/.test(type));
  if (media === undefined || content[media]?.schema === undefined) add([...at, "items"], "the operation needs a 200 JSON response (application/json or application/*+json) to page through");
}

interface JobShape {
  params: Record<string, string>;
  status: string;
  results?: string;
  cancel?: string;
}

/**
 * A job's paths must be operations of the spec, each taking only parameters the job can fill:
 * those `params` reads from the start answer, and the start path's own.
 */
function checkJobReferences(
  doc: Record<string, unknown>,
  startRoute: string,
  job: JobShape,
  at: Array<string | number>,
  add: (segments: Array<string | number>, message: string) => void,
): void {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Record<string, unknown> | undefined>>;
  const holesOf = (route: string) => [...route.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
  const fillable = new Set([...Object.keys(job.params), ...holesOf(startRoute)]);
  const uses: Array<[key: "status" | "results" | "cancel", method: "get" | "post"]> = [["status", "get"], ["results", "get"], ["cancel", "post"]];
  for (const [key, method] of uses) {
    const route = job[key];
    if (route === undefined) continue;
    const operation = paths[route]?.[method];
    if (!operation) {
      add([...at, key], `names ${method.toUpperCase()} ${route}, which the spec does not declare`);
      continue;
    }
    const unfilled = holesOf(route).filter((hole) => !fillable.has(hole));
    if (unfilled.length > 0) add([...at, key], `has path parameters {${unfilled.join(",")}} that neither params nor the start path fills`);
    if (key === "status") {
      const unused = Object.keys(job.params).filter((name) => !holesOf(route).includes(name));
      if (unused.length > 0) add([...at, "params"], `names {${unused.join(",")}}, which the status path does not take`);
    }
    if (key === "results" && operation["x-secfetch-paginate"] === undefined) add([...at, key], "must be a paged GET (declare x-secfetch-paginate on it)");
  }
}

function matchesType(value: unknown, type: string): boolean {
  if (type === "string[]") return Array.isArray(value) && value.every((item) => typeof item === "string");
  return typeof value === type;
}
