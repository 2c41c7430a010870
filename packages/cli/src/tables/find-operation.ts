import { UsageError } from "../exit-codes.js";
import { closest, distance } from "../suggest.js";
import type { OperationTable, VendorTable } from "./types.js";

/** An operation the command line named, with the path parameters typed inline in the path. */
export interface FoundOperation {
  readonly operation: OperationTable;
  /** Path parameter values read off the typed path (`/endpoints/abc` for `/endpoints/{endpointId}`). */
  readonly inlinePath: Record<string, string>;
  /** A query string typed after the path (`/alerts?limit=5`). */
  readonly inlineQuery: Array<[string, string]>;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Splits a template into segments, each a regular expression with the names of its holes. */
function compile(template: string): { pattern: RegExp; names: string[]; literal: number } {
  const names: string[] = [];
  let literal = 0;
  const source = template
    .split("/")
    .map((segment) =>
      segment.replace(/\{([^}]+)\}|[^{]+/g, (match, name: string | undefined) => {
        if (name !== undefined) {
          names.push(name);
          return "([^/]+)";
        }
        literal += match.length;
        return match.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      }),
    )
    .join("/");
  return { pattern: new RegExp(`^${source}/?$`), names, literal };
}

/** The operations whose path template matches `typed`, most literal first (`/users/me` before `/users/{id}`). */
export function matchPath(vendor: VendorTable, typed: string): Array<{ path: string; values: Record<string, string> }> {
  const templates = [...new Set(vendor.operations.map((op) => op.path))];
  const exact = templates.find((template) => template === typed || template === typed.replace(/\/$/, "") || `${template}/` === typed);
  if (exact) return [{ path: exact, values: {} }];
  const matches: Array<{ path: string; values: Record<string, string>; literal: number }> = [];
  for (const template of templates) {
    const { pattern, names, literal } = compile(template);
    const match = pattern.exec(typed);
    if (!match) continue;
    const values: Record<string, string> = {};
    names.forEach((name, index) => {
      const raw = match[index + 1]!;
      // A hole typed as itself (`{endpointId}`) is filled from -p instead.
      if (raw !== `{${name}}`) values[name] = decodeURIComponent(raw);
    });
    matches.push({ path: template, values, literal });
  }
  return matches.sort((a, b) => b.literal - a.literal);
}

/** How far a typed path is from a template: holes match any segment, literal segments by edit distance. */
function pathDistance(typed: string, template: string): number {
  const a = typed.split("?")[0]!.split("/").filter(Boolean);
  const b = template.split("/").filter(Boolean);
  let cost = 0;
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const x = a[index];
    const y = b[index];
    if (x === undefined || y === undefined) cost += (x ?? y)!.length;
    else if (!/^\{[^}]+\}$/.test(y)) cost += distance(x.toLowerCase(), y.toLowerCase());
  }
  return cost;
}

/** The templates nearest to a path no operation has. */
export function nearestPaths(vendor: VendorTable, typed: string, limit = 3): string[] {
  const templates = [...new Set(vendor.operations.map((op) => op.path))];
  const scored = templates.map((template) => ({ template, score: pathDistance(typed, template) })).sort((a, b) => a.score - b.score);
  const best = scored[0]?.score ?? 0;
  return scored.filter((entry) => entry.score <= Math.max(best + 2, 3) && entry.score < Math.max(8, typed.length / 2)).slice(0, limit).map((entry) => entry.template);
}

/** Finds the operation `METHOD path` names, or throws a UsageError that says what is near. */
export function findOperation(vendor: VendorTable, methodWord: string, typedPath: string): FoundOperation {
  const method = methodWord.toUpperCase();
  if (!METHODS.includes(method)) {
    throw new UsageError(`"${methodWord}" is not a method or a command of ${vendor.name}.`, `Use GET, POST, PUT, PATCH or DELETE, \`operations\` or \`describe\`.${hintNear(methodWord, [...METHODS, "operations", "describe"])}`);
  }
  if (!typedPath.startsWith("/")) {
    throw new UsageError(`The path "${typedPath}" must start with "/": paths are full paths from the host root.`, `\`secfetch ${vendor.name} operations\` lists them.`);
  }
  const [pathPart, queryPart] = splitQuery(typedPath);
  const matches = matchPath(vendor, pathPart);
  if (matches.length === 0) {
    const near = nearestPaths(vendor, pathPart);
    throw new UsageError(
      `${vendor.name} has no operation on ${pathPart}.`,
      near.length ? `Closest: ${near.map((path) => `${methodsOf(vendor, path).join("|")} ${path}`).join(", ")}.` : `\`secfetch ${vendor.name} operations\` lists them.`,
    );
  }
  for (const match of matches) {
    const operation = vendor.operations.find((op) => op.path === match.path && op.method === method);
    if (operation) return { operation, inlinePath: match.values, inlineQuery: queryPart };
  }
  const path = matches[0]!.path;
  throw new UsageError(`${method} is not an operation of ${vendor.name} ${path}.`, `It takes ${methodsOf(vendor, path).join(", ")}.`);
}

function methodsOf(vendor: VendorTable, path: string): string[] {
  return vendor.operations.filter((op) => op.path === path).map((op) => op.method);
}

function splitQuery(typed: string): [string, Array<[string, string]>] {
  const at = typed.indexOf("?");
  if (at < 0) return [typed, []];
  return [typed.slice(0, at), [...new URLSearchParams(typed.slice(at + 1))]];
}

function hintNear(input: string, candidates: string[]): string {
  const near = closest(input, candidates, 1);
  return near.length ? ` Did you mean ${near[0]!}?` : "";
}
