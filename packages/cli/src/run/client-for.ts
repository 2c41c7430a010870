import { createApiClient, type ClientContext, type ClientDefinition } from "@secfetch/auth";
import { UsageError } from "../exit-codes.js";
import { CLIENT_PACKAGES } from "../generated/tables.js";
import type { CliClient } from "../tables/client-factory.js";
import type { VendorTable } from "../tables/types.js";

/**
 * The client a call goes through: the vendor's own factory; or, with `--as ID` on a spec that
 * declares `discover.delegates`, the client the engine makes for that listed identity (a
 * partner's tenant: its host, its identity headers, the same token) — found by walking the
 * declared lists, with no vendor names here.
 */
export async function clientFor(vendor: VendorTable, options: Record<string, unknown>, as: string | undefined): Promise<CliClient> {
  const loaded = await CLIENT_PACKAGES[vendor.name]!();
  if (as === undefined) return loaded.factory(options);
  const delegates = vendor.delegates;
  if (!delegates) throw new UsageError(`--as: ${vendor.name} declares no identities a credential acts for.`);
  let context: ClientContext<{}, unknown> | undefined;
  createApiClient<{}, unknown, {}, unknown>(loaded.definition as ClientDefinition, options, (client, given) => {
    context = given;
    return client;
  });
  for await (const item of context!.delegates()) {
    if (idOf(item, delegates.id) !== as) continue;
    const client = context!.delegateClient(item);
    if (!client) throw new UsageError(`--as ${as}: listed, but it has no API host yet (not provisioned); try again later.`);
    return client as unknown as CliClient;
  }
  throw new UsageError(`--as ${as}: this credential acts for no such identity.`, `List them: secfetch ${vendor.name} GET ${delegates.lists.join(" (or ")}${delegates.lists.length > 1 ? ")" : ""} --paginate --jq .id`);
}

function idOf(item: unknown, pointer: string): string | undefined {
  let value: unknown = item;
  for (const key of pointer.split("/").slice(1)) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
