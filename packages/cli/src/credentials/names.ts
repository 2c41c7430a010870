import type { OptionTable, VendorTable } from "../tables/types.js";

/** `sophos-central` → `SOPHOS_CENTRAL`; `clientId` → `CLIENT_ID`. */
export const upperSnake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/-/g, "_").toUpperCase();

/** `clientId` → `client-id`: the option's flag name. */
export const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/** The environment variable that holds a vendor's option: `SECFETCH_SOPHOS_CENTRAL_CLIENT_ID`. */
export const envName = (vendor: string, option: string): string => `SECFETCH_${upperSnake(vendor)}_${upperSnake(option)}`;

/**
 * The options every factory takes that the CLI sets from the environment or flags besides the
 * spec's own: the host root, a CA file (appliances with their own CA), region where the spec has
 * regions. Not secrets.
 */
export function connectionOptions(vendor: VendorTable): OptionTable[] {
  const options: OptionTable[] = [
    { name: "baseUrl", type: "string", required: vendor.defaultBaseUrl === undefined, secret: false, description: vendor.defaultBaseUrl ? `API host root (default ${vendor.defaultBaseUrl}).` : "API host root (the appliance or server)." },
    { name: "caFile", type: "string", required: false, secret: false, description: "A PEM file of extra trusted CA certificates (an appliance with its own CA)." },
  ];
  if (vendor.regions.length > 0) options.push({ name: "region", type: "string", required: false, secret: false, description: `Region: ${vendor.regions.join(", ")}.`, enum: vendor.regions });
  return options;
}
