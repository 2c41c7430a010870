import { ALL_FEATURES, type ClientDefinition } from "../../src/building-blocks.js";

/** The least a client needs: one API key sent as a header, no paging, no retry-safe POSTs. */
export function apiKeyDefinition(packageName: string): ClientDefinition {
  return {
    packageName,
    features: ALL_FEATURES,
    servers: { default: "https://api.example.test" },
    regional: false,
    auth: {
      options: { apiKey: { type: "string", required: true, secret: true } },
      modes: [{ name: "api-key", requires: ["apiKey"], static: { scheme: "header", header: "X-Api-Key", value: "{apiKey}" } }],
    },
    pagination: {},
    retrySafe: [],
  };
}
