import { UsageError } from "../exit-codes.js";
import { envName } from "../credentials/names.js";
import { allOptions } from "../credentials/resolve-options.js";
import type { OperationTable, VendorTable } from "../tables/types.js";

/** `secfetch <vendor> operations [filter]`: one line per operation, grouped by the spec's tags. */
export function renderOperations(vendor: VendorTable, filter: string | undefined): string {
  const needle = filter?.toLowerCase();
  const matches = vendor.operations.filter((op) => !needle || `${op.method} ${op.path} ${op.summary ?? ""} ${op.operationId ?? ""} ${op.tag ?? ""}`.toLowerCase().includes(needle));
  if (matches.length === 0) throw new UsageError(`No operation of ${vendor.name} matches "${filter ?? ""}".`, `\`secfetch ${vendor.name} operations\` lists all ${vendor.operations.length}.`);
  const width = Math.min(60, Math.max(...matches.map((op) => op.method.length + op.path.length + 1)));
  const lines: string[] = [];
  let tag: string | undefined | null = null;
  for (const op of [...matches].sort((a, b) => (a.tag ?? "").localeCompare(b.tag ?? ""))) {
    if (op.tag !== tag) {
      if (tag !== null) lines.push("");
      tag = op.tag;
      lines.push(`${tag ?? "Other"}:`);
    }
    const marks = [op.paged ? "paged" : "", op.signIn ? "sign-in step" : ""].filter(Boolean).join(", ");
    lines.push(`  ${`${op.method} ${op.path}`.padEnd(width)}  ${op.summary ?? ""}${marks ? ` [${marks}]` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

/** `secfetch <vendor> describe METHOD path`: parameters, body fields, paging. */
export function renderDescribe(vendor: VendorTable, op: OperationTable): string {
  const lines = [`${op.method} ${op.path}${op.operationId ? `  (${op.operationId})` : ""}`];
  if (op.summary) lines.push(`  ${op.summary}`);
  if (op.paged) lines.push(`  Paged (${op.paged.scheme}, items at ${op.paged.items}): --paginate walks every page.`);
  if (op.signIn) lines.push("  The client's sign-in calls this itself.");
  if (op.external) lines.push("  Served by the sign-in host, not the API host.");
  const groups: Array<[string, string]> = [
    ["path", "Path parameters (-p name=value, or typed in the path)"],
    ["query", "Query parameters (-q name=value)"],
    ["header", "Header parameters (-H 'Name: value')"],
  ];
  for (const [location, title] of groups) {
    const parameters = op.parameters.filter((parameter) => parameter.in === location);
    if (parameters.length === 0) continue;
    lines.push("", `${title}:`);
    const width = Math.max(...parameters.map((parameter) => parameter.name.length));
    for (const parameter of parameters) {
      lines.push(`  ${parameter.name.padEnd(width)}  ${parameter.type}${parameter.required ? ", required" : ""}${parameter.description ? ` — ${parameter.description}` : ""}`);
    }
  }
  if (op.body) {
    lines.push("", `Body (${op.body.mediaType}, ${op.body.required ? "required" : "optional"}; --body JSON|@file|-): ${op.body.type}`);
    const width = Math.max(0, ...op.body.fields.map((field) => field.name.length));
    for (const field of op.body.fields) lines.push(`  ${field.name.padEnd(width)}  ${field.type}${field.required ? ", required" : ""}${field.description ? ` — ${field.description}` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The sign-in part of a vendor's help: which variables (or flags, or profile keys) it reads. */
export function renderCredentialsHelp(vendor: VendorTable): string {
  const lines = ["", "Credentials (flag, environment variable, or profile key under [<profile>." + vendor.name + "]):"];
  for (const option of allOptions(vendor)) {
    lines.push(`  ${envName(vendor.name, option.name).padEnd(48)} ${option.name}${option.secret ? " (secret)" : ""}${option.required ? " (required)" : ""}`);
  }
  lines.push("", "Sign-in takes one of:", ...vendor.modes.map((mode) => `  ${mode.name}: ${mode.requires.join(" + ")}`));
  return `${lines.join("\n")}\n`;
}
