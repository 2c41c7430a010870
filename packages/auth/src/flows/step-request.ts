import { fillTemplate } from "../declaration/template.js";
import type { RequestStepDeclaration } from "../declaration/types.js";

/**
 * The request a declared sign-in step sends: its URL, headers and JSON body filled from the
 * client's options and what earlier steps captured. `undefined` when the URL cannot be filled.
 */
export function stepRequest(step: RequestStepDeclaration, values: Readonly<Record<string, unknown>>, signal?: AbortSignal): Request | undefined {
  const url = fillTemplate(step.url, values);
  if (url === undefined) return undefined;
  const headers = new Headers({ accept: "application/json" });
  for (const [name, template] of Object.entries(step.headers ?? {})) {
    const value = fillTemplate(template, values);
    if (value !== undefined) headers.set(name, value);
  }
  let body: string | undefined;
  if (step.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(fillDeep(step.json, values));
  }
  return new Request(url, { method: step.method ?? "GET", headers, ...(body === undefined ? {} : { body }), ...(signal ? { signal } : {}) });
}

function fillDeep(value: unknown, values: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === "string") return fillTemplate(value, values) ?? value;
  if (Array.isArray(value)) return value.map((item) => fillDeep(item, values));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillDeep(item, values)]));
  return value;
}
