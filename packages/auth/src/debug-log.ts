import type { EventListener, SecfetchEvent } from "./events.js";

const SWITCH = "SECFETCH_DEBUG";

/**
 * The `SECFETCH_DEBUG` environment switch: when set (to anything but `0` or `false`), a client
 * logs one line per event — each request and sign-in step, page, sign-in, refresh, failed sign-in,
 * retry, replay, token store outage — to `console.error`, prefixed with its package name. Events carry no secret, so
 * neither does a line. Read once, when the client is made; runtimes without an environment
 * (browsers, workerd) never log. The line formats load only when the switch is on, so a bundle
 * does not carry them up front.
 */
export function debugListener(source: string, value: string | undefined = readSwitch()): EventListener | undefined {
  if (value === undefined || value === "" || value === "0" || value.toLowerCase() === "false") return undefined;
  let format: ((event: SecfetchEvent) => string) | undefined;
  const waiting: SecfetchEvent[] = [];
  const print = (event: SecfetchEvent) => console.error(`[${source}] ${format!(event)}`);
  void import("./debug-format.js").then(({ formatEvent }) => {
    format = formatEvent;
    for (const event of waiting.splice(0)) print(event);
  });
  return (event) => (format ? print(event) : waiting.push(event));
}

type DenoPermissions = { permissions?: { querySync?(descriptor: { name: "env"; variable: string }): { state: string } } };

function readSwitch(): string | undefined {
  try {
    // Deno asks the user for each environment read it was not granted: look only when granted.
    const deno = (globalThis as { Deno?: DenoPermissions }).Deno;
    if (deno && deno.permissions?.querySync?.({ name: "env", variable: SWITCH }).state !== "granted") return undefined;
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[SWITCH];
  } catch {
    return undefined;
  }
}
