import { ALL_FEATURES, type ClientDefinition } from "../../src/building-blocks.js";

/**
 * The Palo Alto Networks SaaS Security declaration, copied from
 * packages/paloalto-saas-security/src/generated/client.ts (`definition`) so auth tests drive
 * `createApiClient` exactly as the vendor package does, without importing the vendor package.
 */
export const paloAltoDefinition = {
  features: ALL_FEATURES,
  "packageName": "@secfetch/paloalto-saas-security",
  "servers": {
    "us": "https://api.aperture.paloaltonetworks.com",
    "eu": "https://api.aperture-eu.paloaltonetworks.com",
    "apac": "https://api.aperture-apac.paloaltonetworks.com",
    "uk": "https://api.aperture-uk.paloaltonetworks.com",
    "in1": "https://api.in1.prisma-saas.paloaltonetworks.com",
    "au1": "https://api.au1.prisma-saas.paloaltonetworks.com",
    "uk2": "https://api.uk2.prisma-saas.paloaltonetworks.com",
    "jp1": "https://api.jp1.prisma-saas.paloaltonetworks.com"
  },
  "regional": true,
  "auth": {
    "options": {
      "clientId": {
        "type": "string",
        "required": true,
        "description": "Client ID of the API client registered under Settings > External Service in SaaS Security."
      },
      "clientSecret": {
        "type": "string",
        "required": true,
        "secret": true,
        "description": "Client secret of the API client; shown only when the client is created or reset."
      },
      "scopes": {
        "type": "string[]",
        "default": [
          "api_access",
          "incident_api",
          "remediation_api"
        ],
        "enum": [
          "api_access",
          "incident_api",
          "remediation_api"
        ],
        "description": "OAuth scopes to request. The API client must have been granted each of them in SaaS Security: api_access (log events), incident_api (incidents), remediation_api (remediation)."
      }
    },
    "modes": [
      {
        "name": "client-credentials",
        "requires": [
          "clientId",
          "clientSecret"
        ],
        "token": {
          "url": "{baseUrl}/oauth/token",
          "grant": "client_credentials",
          "clientAuth": "basic",
          "encoding": "form",
          "params": {
            "scope": "{scopes}"
          },
          "expiresIn": {
            "zeroMeansNever": true,
            "absentMeansNever": true
          },
          "error": {
            "code": "/error",
            "message": "/error_description",
            "resolution": "/resolution"
          }
        }
      }
    ],
    "reauthOn": [
      401
    ]
  },
  "pagination": {
    "/incident/api/incidents/delta": {
      "scheme": "next-path",
      "items": "/resources",
      "next": "/nextPath",
      "pageSize": "limit",
      "pageSizeDefault": 50
    }
  },
  "retrySafe": [
    "POST /incident/api/incidents/{id}/state",
    "POST /oauth/token"
  ]
} as const satisfies ClientDefinition;

type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };

/** The one operation these tests call, typed the way openapi-typescript writes it. */
export interface PaloAltoAppsPaths {
  "/incident/api/apps": {
    parameters: NoParameters;
    get: {
      parameters: NoParameters;
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: { "application/json": Array<{ app_id: string; app_name?: string; app_type?: string }> };
        };
      };
    };
  };
}
