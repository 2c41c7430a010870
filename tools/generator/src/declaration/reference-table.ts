import { DECLARATION_ROOTS, type JsonSchema } from "./derive-schema.js";

/**
 * The field reference of specs/README.md, written from the derived schema: one table per object
 * of the declaration (field, type, required, meaning), in the order a reader meets them.
 */
export function referenceTables(definitions: Record<string, JsonSchema>): string {
  const order: string[] = [];
  const visit = (name: string) => {
    if (order.includes(name) || !definitions[name]) return;
    order.push(name);
    for (const referenced of references(definitions[name])) visit(referenced);
  };
  for (const root of Object.values(DECLARATION_ROOTS)) visit(root);

  const values = order.filter((name) => !definitions[name]!.properties && !definitions[name]!.oneOf);
  const sections: string[] = [
    "#### Value types",
    ["| name | type | meaning |", "|---|---|---|", ...values.map((name) => `| \`${name}\` | ${cell(typeOf({ ...definitions[name]!, description: undefined }))} | ${cell(oneLine(describe(definitions[name]!)))} |`)].join("\n"),
  ];
  for (const name of order) {
    const schema = definitions[name]!;
    const branches = (schema.oneOf as JsonSchema[] | undefined) ?? [schema];
    const objects = branches.filter((branch) => branch.properties);
    if (objects.length === 0) continue;
    const extension = Object.entries(DECLARATION_ROOTS).find(([, root]) => root === name)?.[0];
    sections.push(`#### ${name}${extension ? ` (\`${extension}\`)` : ""}`);
    if (typeof schema.description === "string") sections.push(oneLine(schema.description));
    for (const branch of objects) {
      const tag = (schema.discriminator as { propertyName?: string } | undefined)?.propertyName;
      if (tag) sections.push(`\`${tag}: ${String((branch.properties as Record<string, JsonSchema>)[tag]?.const)}\``);
      sections.push(table(branch));
    }
  }
  return sections.join("\n\n");
}

function table(schema: JsonSchema): string {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(schema.properties as Record<string, JsonSchema>).map(
    ([field, property]) => `| \`${field}\` | ${cell(typeOf(property))} | ${required.has(field) ? "yes" : "no"} | ${cell(oneLine(describe(property)))} |`,
  );
  return ["| field | type | required | meaning |", "|---|---|---|---|", ...rows].join("\n");
}

/** How a schema reads as a type: `Pointer`, `"basic" \| "body"`, `Template[]`, `{ name: Pointer }`, with its limits. */
function typeOf(schema: JsonSchema): string {
  const limits = constraints(schema);
  const base = (() => {
    if (typeof schema.$ref === "string") return refName(schema.$ref);
    if ("const" in schema) return JSON.stringify(schema.const);
    if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
    if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map(typeOf).join(" | ");
    if (schema.type === "array") return `${typeOf((schema.items as JsonSchema | undefined) ?? {})}[]`;
    if (schema.type === "object" && schema.properties) return `{ ${Object.entries(schema.properties as Record<string, JsonSchema>).map(([key, value]) => `${key}: ${typeOf(value)}`).join("; ")} }`;
    if (schema.type === "object") return `{ name: ${typeOf((schema.additionalProperties as JsonSchema | undefined) ?? {})} }`;
    if (typeof schema.type === "string") return schema.type;
    return "any";
  })();
  return limits ? `${base} (${limits})` : base;
}

function constraints(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.minLength === 1) parts.push("not empty");
  const { pattern, minimum, exclusiveMinimum, maximum, minItems, minProperties } = schema as Record<string, string | number | undefined>;
  if (pattern !== undefined) parts.push(`matches \`${pattern}\``);
  if (minimum !== undefined) parts.push(`≥ ${minimum}`);
  if (exclusiveMinimum !== undefined) parts.push(`> ${exclusiveMinimum}`);
  if (maximum !== undefined) parts.push(`≤ ${maximum}`);
  if (minItems !== undefined) parts.push(`at least ${minItems}`);
  if (minProperties !== undefined) parts.push(`at least ${minProperties}`);
  const names = (schema.propertyNames as { pattern?: string } | undefined)?.pattern;
  if (names !== undefined) parts.push(`names match \`${names}\``);
  return parts.join(", ");
}

function references(schema: unknown, found: string[] = []): string[] {
  if (Array.isArray(schema)) for (const item of schema) references(item, found);
  else if (typeof schema === "object" && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "$ref" && typeof value === "string") found.push(refName(value));
      else references(value, found);
    }
  }
  return found;
}

function refName(ref: string): string {
  return decodeURIComponent(ref.replace("#/definitions/", ""));
}

function describe(schema: JsonSchema): string {
  return typeof schema.description === "string" ? schema.description : "";
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
