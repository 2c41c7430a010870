import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/**
 * A minimal checker of emulator answers against the vendor's OpenAPI document: $ref, oneOf with a
 * discriminator, type (with `null` unions), const, enum, required, properties, items, maxItems,
 * minimum/maximum, date-time. It also flags properties the schema does not declare, so the
 * emulator never invents fields the spec lacks.
 */
type Schema = Record<string, unknown>;

export interface Spec {
  /** Problems of `value` against the response schema of `method path` for `status` ([] = fine). */
  checkResponse(method: string, path: string, status: number, value: unknown): string[];
}

export function loadSpec(vendor: string): Spec {
  const file = fileURLToPath(new URL(`../../../../specs/${vendor}/openapi.yaml`, import.meta.url));
  const doc = parse(readFileSync(file, "utf8")) as Schema;
  const resolve = (schema: Schema): Schema => {
    let current = schema;
    while (typeof current["$ref"] === "string") {
      current = (current["$ref"])
        .slice(2)
        .split("/")
        .reduce<Schema>((node, key) => node[key] as Schema, doc);
    }
    return current;
  };

  const check = (raw: Schema, value: unknown, at: string, errors: string[]): void => {
    const schema = resolve(raw);
    if (Array.isArray(schema["oneOf"])) {
      const discriminator = schema["discriminator"] as { propertyName: string; mapping: Record<string, string> } | undefined;
      const tag = discriminator && (value as Record<string, unknown>)?.[discriminator.propertyName];
      const target = discriminator && typeof tag === "string" ? discriminator.mapping[tag] : undefined;
      if (target) return check({ $ref: target }, value, at, errors);
      const fits = (schema["oneOf"] as Schema[]).filter((option) => {
        const sub: string[] = [];
        check(option, value, at, sub);
        return sub.length === 0;
      });
      if (fits.length !== 1) errors.push(`${at}: matches ${fits.length} of oneOf`);
      return;
    }
    if ("const" in schema && value !== schema["const"]) errors.push(`${at}: expected const ${String(schema["const"])}`);
    if (Array.isArray(schema["enum"]) && !schema["enum"].includes(value)) errors.push(`${at}: ${String(value)} not in enum`);
    const types = schema["type"] === undefined ? [] : ([] as string[]).concat(schema["type"] as string | string[]);
    if (types.length && !types.some((type) => isType(type, value))) {
      errors.push(`${at}: expected ${types.join("|")}, got ${JSON.stringify(value)}`);
      return;
    }
    if (typeof value === "number") {
      if (typeof schema["minimum"] === "number" && value < schema["minimum"]) errors.push(`${at}: below minimum`);
      if (typeof schema["maximum"] === "number" && value > schema["maximum"]) errors.push(`${at}: above maximum`);
    }
    if (typeof value === "string" && schema["format"] === "date-time" && Number.isNaN(Date.parse(value))) {
      errors.push(`${at}: not a date-time`);
    }
    if (Array.isArray(value)) {
      if (typeof schema["maxItems"] === "number" && value.length > schema["maxItems"]) errors.push(`${at}: too many items`);
      if (schema["items"]) value.forEach((item, i) => check(schema["items"] as Schema, item, `${at}[${i}]`, errors));
    } else if (typeof value === "object" && value !== null) {
      const properties = (schema["properties"] ?? {}) as Record<string, Schema>;
      for (const name of (schema["required"] ?? []) as string[]) {
        if (!(name in value)) errors.push(`${at}: missing required ${name}`);
      }
      for (const [name, item] of Object.entries(value)) {
        if (properties[name]) check(properties[name], item, `${at}.${name}`, errors);
        else if (schema["properties"]) errors.push(`${at}: property ${name} is not in the spec`);
      }
    }
  };

  return {
    checkResponse(method, path, status, value) {
      const operation = ((doc["paths"] as Schema)[path] as Schema | undefined)?.[method.toLowerCase()] as Schema | undefined;
      if (!operation) return [`${method} ${path} is not in the spec`];
      const response = (operation["responses"] as Record<string, Schema>)[String(status)];
      if (!response) return [`${method} ${path} has no ${status} response in the spec`];
      const content = resolve(response)["content"] as Record<string, { schema: Schema }> | undefined;
      if (!content) return value === undefined ? [] : [`${method} ${path} ${status} has no body in the spec`];
      const json = content["application/json"];
      if (!json) return [`${method} ${path} ${status} is not JSON in the spec`];
      const errors: string[] = [];
      check(json.schema, value, "body", errors);
      return errors;
    },
  };
}

function isType(type: string, value: unknown): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "integer":
      return Number.isInteger(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}
