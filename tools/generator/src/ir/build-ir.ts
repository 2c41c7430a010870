import type { AuthDeclaration, JobDeclaration, PaginationDeclaration } from "@secfetch/auth";
import { resolveRef } from "../load/json-pointer.js";
import type { LoadedSpec } from "../load/read-spec.js";
import type { VendorIR } from "./vendor-ir.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Reads a validated spec into the IR. */
export function buildIR(spec: LoadedSpec): VendorIR {
  const doc = spec.document;
  const info = doc.info as Record<string, unknown>;
  const servers = (doc.servers as Array<Record<string, unknown>>).map((server) => ({
    region: server["x-secfetch-region"] as string | undefined,
    url: String(server.url).replace(/\/+$/, ""),
    description: server.description as string | undefined,
  }));

  const paged: VendorIR["paged"] = [];
  const jobs: VendorIR["jobs"] = [];
  const retrySafe: string[] = [];
  const noReauth: string[] = [];
  const operations: VendorIR["operations"] = [];
  const externalPaths: string[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  for (const route of Object.keys(paths).sort()) {
    const item = paths[route] ?? {};
    const declared = METHODS.filter((method) => item[method]);
    if (declared.length > 0 && declared.every((method) => Array.isArray(item[method]?.servers))) externalPaths.push(route);
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operations.push({
        method: method.toUpperCase(),
        path: route,
        operationId: operation.operationId as string | undefined,
        summary: operation.summary as string | undefined,
        tag: (operation.tags as string[] | undefined)?.[0],
        needsInput: needsInput(doc, item, operation),
        ...readmeExample(operation["x-secfetch-readme-example"]),
      });
      if (operation["x-secfetch-retry-safe"] === true) retrySafe.push(`${method.toUpperCase()} ${route}`);
      if (operation["x-secfetch-reauth"] === false) noReauth.push(`${method.toUpperCase()} ${route}`);
      const job = operation["x-secfetch-job"] as JobDeclaration | undefined;
      if (job) {
        const startStatus = Object.keys((operation.responses ?? {}) as Record<string, unknown>).find((status) => /^2\d\d$/.test(status)) ?? "200";
        jobs.push({ path: route, declaration: job, startStatus, startMediaType: jsonMediaType(doc, operation, startStatus) });
      }
      const paginate = operation["x-secfetch-paginate"] as PaginationDeclaration | undefined;
      if (paginate) {
        paged.push({
          path: route,
          declaration: withPageSizeDefault(doc, item, operation, paginate),
          itemPath: paginate.items.split("/").slice(1),
          mediaType: jsonMediaType(doc, operation),
          summary: operation.summary as string | undefined,
        });
      }
    }
  }

  return {
    vendor: spec.vendor,
    packageName: `@secfetch/${spec.vendor}`,
    clientName: info["x-secfetch-client"] as string,
    title: String(info.title),
    summary: String(info.summary ?? info.title),
    specFile: spec.file,
    specHash: spec.hash,
    servers,
    regional: servers.some((server) => server.region !== undefined),
    baseUrlRequired: (servers[0]?.url ?? "{").includes("{"),
    rateLimit: doc["x-secfetch-rate-limit"] as VendorIR["rateLimit"],
    auth: doc["x-secfetch-auth"] as AuthDeclaration,
    paged,
    jobs,
    retrySafe,
    noReauth,
    externalPaths,
    signInPaths: signInPaths(doc["x-secfetch-auth"] as AuthDeclaration),
    operations,
    families: ((doc.tags ?? []) as Array<{ name: string; description?: string }>).map((tag) => ({ name: tag.name, description: tag.description })),
    dependencies: { ...((info["x-secfetch-dependencies"] as Record<string, string> | undefined) ?? {}) },
    imports: { ...((info["x-secfetch-imports"] as Record<string, Record<string, string>> | undefined) ?? {}) },
  };
}

/** The page size the server uses when the caller sets none, read from the parameter's default. */
function withPageSizeDefault(
  doc: Record<string, unknown>,
  pathItem: Record<string, unknown>,
  operation: Record<string, unknown>,
  paginate: PaginationDeclaration,
): PaginationDeclaration {
  if (paginate.scheme !== "next-path" || paginate.pageSize === undefined) return paginate;
  const parameter = [...((pathItem.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])]
    .map((candidate) => resolveRef<{ name?: string; in?: string; schema?: unknown }>(doc, candidate))
    .find((candidate) => candidate?.in === "query" && candidate.name === paginate.pageSize);
  const schemaDefault = resolveRef<{ default?: unknown } | undefined>(doc, parameter?.schema)?.default;
  return typeof schemaDefault === "number" ? { ...paginate, pageSizeDefault: schemaDefault } : paginate;
}

/** A success response's JSON media type: `application/json` or a `+json` one (SCIM's `application/scim+json`). */
function jsonMediaType(doc: Record<string, unknown>, operation: Record<string, unknown>, status = "200"): string {
  const ok = resolveRef<{ content?: Record<string, unknown> }>(doc, (operation.responses as Record<string, unknown> | undefined)?.[status]);
  return Object.keys(ok?.content ?? {}).find((type) => /^application\/([a-z.+-]+\+)?json$/.test(type)) ?? "application/json";
}

/** Whether a call must pass something: a required parameter (path, query, header) or a required body. */
function needsInput(doc: unknown, item: Record<string, unknown>, operation: Record<string, unknown>): boolean {
  const parameters = [...((item.parameters as unknown[] | undefined) ?? []), ...((operation.parameters as unknown[] | undefined) ?? [])];
  const requiredParameter = parameters.some((candidate) => resolveRef<{ required?: boolean }>(doc, candidate)?.required === true);
  const body = resolveRef<{ required?: boolean } | undefined>(doc, operation.requestBody);
  return requiredParameter || body?.required === true;
}

function readmeExample(declared: unknown): { readmeExample?: { init?: Record<string, unknown> } } {
  if (declared === undefined) return {};
  const init = (declared as { init?: Record<string, unknown> }).init;
  return { readmeExample: init ? { init } : {} };
}

/** The paths of every request the declared sign-in sends: each URL template with its host part and query dropped. */
function signInPaths(auth: AuthDeclaration): string[] {
  const urls = [
    ...auth.modes.flatMap((mode) => [mode.token?.url, mode.exchange?.request.url, mode.challenge?.push?.poll.url]),
    auth.discover?.request.url,
    ...(auth.session?.steps.map((step) => step.request.url) ?? []),
  ];
  const paths = urls.filter((url): url is string => url !== undefined).map((url) => url.replace(/^\{[A-Za-z]+\}|^[a-z]+:\/\/[^/]+/, "").split("?")[0]!);
  return [...new Set(paths)].sort();
}
