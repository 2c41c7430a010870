/**
 * JSON Schemas of the `x-secfetch-*` extensions (specs/README.md describes them in prose).
 * Ajv checks a spec against them and reports the JSON pointer of each bad value.
 */

const template = { type: "string", minLength: 1 } as const;
const pointer = { type: "string", pattern: "^(/[^/]*)*$" } as const;
const headerTemplates = { type: "object", additionalProperties: template } as const;
const requestStep = {
  type: "object",
  required: ["url"],
  additionalProperties: false,
  properties: {
    method: { enum: ["GET", "POST", "PUT", "PATCH", "DELETE"] },
    url: template,
    headers: headerTemplates,
    json: {},
  },
} as const;

const sessionApply = {
  type: "object",
  required: ["headers"],
  additionalProperties: false,
  properties: { headers: headerTemplates, query: headerTemplates },
} as const;

const tokenError = {
  type: "object",
  additionalProperties: false,
  properties: {
    code: pointer,
    message: pointer,
    codePrefix: { type: "string", pattern: "^[A-Za-z_.-]+$" },
    hints: { type: "object", additionalProperties: { type: "string", minLength: 1 } },
    resolution: pointer,
  },
} as const;

const tokenRequest = {
  type: "object",
  required: ["url", "grant", "clientAuth", "encoding"],
  additionalProperties: false,
  properties: {
    url: template,
    grant: { enum: ["client_credentials", "password", "authorization_code", "refresh_token"] },
    clientAuth: { enum: ["basic", "body", "none"] },
    encoding: { enum: ["form", "json"] },
    clientId: template,
    clientSecret: template,
    params: headerTemplates,
    expiresIn: {
      type: "object",
      additionalProperties: false,
      properties: { zeroMeansNever: { type: "boolean" }, absentMeansNever: { type: "boolean" } },
    },
    refreshToken: { enum: ["rotate", "keep", "none"] },
    error: tokenError,
  },
} as const;

const exchange = {
  type: "object",
  required: ["request", "token"],
  additionalProperties: false,
  properties: {
    request: requestStep,
    token: pointer,
    expiresIn: pointer,
    lifetimeSeconds: { type: "integer", minimum: 1 },
    error: tokenError,
  },
} as const;

const staticCredential = {
  type: "object",
  required: ["scheme"],
  additionalProperties: false,
  properties: {
    scheme: { enum: ["bearer", "basic", "header"] },
    token: template,
    username: template,
    password: template,
    header: { type: "string", pattern: "^[A-Za-z0-9-]+$" },
    value: template,
  },
} as const;

const challenge = {
  type: "object",
  required: ["status", "fields", "answer"],
  additionalProperties: false,
  properties: {
    status: { type: "integer", minimum: 100, maximum: 599 },
    fields: { type: "object", additionalProperties: pointer },
    answer: headerTemplates,
    push: {
      type: "object",
      required: ["methods", "poll", "status", "approvedWhen", "response"],
      additionalProperties: false,
      properties: {
        methods: { type: "array", items: { type: "string" }, minItems: 1 },
        poll: requestStep,
        status: pointer,
        approvedWhen: { type: "string" },
        refusedWhen: { type: "array", items: { type: "string" } },
        timedOutWhen: { type: "array", items: { type: "string" } },
        response: pointer,
        intervalMs: { type: "integer", minimum: 100 },
        deadlineMs: { type: "integer", minimum: 1000 },
      },
    },
  },
} as const;

export const authSchema = {
  type: "object",
  required: ["options", "modes"],
  additionalProperties: false,
  properties: {
    options: {
      type: "object",
      minProperties: 1,
      propertyNames: { pattern: "^[a-z][A-Za-z0-9]*$" },
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        properties: {
          type: { enum: ["string", "string[]", "number", "boolean"] },
          required: { type: "boolean" },
          secret: { type: "boolean" },
          default: {},
          enum: { type: "array", minItems: 1 },
          format: { enum: ["url"] },
          description: { type: "string" },
        },
      },
    },
    modes: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["name", "requires"],
        additionalProperties: false,
        properties: {
          name: { type: "string", pattern: "^[a-z][a-z0-9-]*$" },
          requires: { type: "array", items: { type: "string" }, minItems: 1 },
          token: tokenRequest,
          exchange,
          static: staticCredential,
          challenge,
        },
        oneOf: [{ required: ["token"] }, { required: ["exchange"] }, { required: ["static"] }],
      },
    },
    apply: { type: "object", required: ["headers"], additionalProperties: false, properties: { headers: headerTemplates } },
    discover: {
      type: "object",
      required: ["request", "by", "cases"],
      additionalProperties: false,
      properties: {
        request: requestStep,
        by: pointer,
        cases: {
          type: "object",
          minProperties: 1,
          additionalProperties: {
            type: "object",
            additionalProperties: false,
            properties: { baseUrl: pointer, headers: { type: "object", additionalProperties: pointer } },
          },
        },
        trustHosts: { type: "array", items: { type: "string", pattern: "^(\\*\\.)?[a-z0-9.-]+$" } },
      },
    },
    session: {
      type: "object",
      required: ["steps", "apply"],
      additionalProperties: false,
      properties: {
        steps: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            required: ["request"],
            additionalProperties: false,
            properties: {
              request: requestStep,
              capture: {
                type: "object",
                additionalProperties: {
                  anyOf: [{ type: "string" }, { type: "array", items: { type: "string" }, minItems: 1 }],
                },
              },
            },
          },
        },
        apply: sessionApply,
        applyBy: {
          type: "object",
          required: ["option", "variants"],
          additionalProperties: false,
          properties: { option: { type: "string" }, variants: { type: "object", additionalProperties: sessionApply } },
        },
      },
    },
    reauthOn: { type: "array", items: { type: "integer", minimum: 400, maximum: 499 }, minItems: 1 },
    refusalHints: { type: "object", propertyNames: { pattern: "^4[0-9][0-9]$" }, additionalProperties: { type: "string", minLength: 1 } },
  },
} as const;

const withItems = (extra: Record<string, unknown>, required: string[]) => ({
  type: "object",
  required: ["scheme", "items", ...required],
  additionalProperties: false,
  properties: { scheme: {}, items: pointer, ...extra },
});

export const paginateSchema = {
  type: "object",
  required: ["scheme"],
  properties: { scheme: { enum: ["next-path", "page-number", "key", "cursor", "offset-next", "page-token", "start-index"] } },
  allOf: [
    { if: { properties: { scheme: { const: "next-path" } } }, then: withItems({ next: pointer, pageSize: { type: "string" } }, ["next"]) },
    { if: { properties: { scheme: { const: "page-number" } } }, then: withItems({ param: { type: "string" }, total: pointer }, ["param", "total"]) },
    { if: { properties: { scheme: { const: "key" } } }, then: withItems({ param: { type: "string" }, next: pointer }, ["param", "next"]) },
    {
      if: { properties: { scheme: { const: "cursor" } } },
      then: withItems({ param: { type: "string" }, next: pointer, more: pointer, replaces: { type: "string" } }, ["param", "next", "more"]),
    },
    { if: { properties: { scheme: { const: "offset-next" } } }, then: withItems({ next: pointer }, ["next"]) },
    {
      if: { properties: { scheme: { const: "page-token" } } },
      then: withItems({ param: { type: "string" }, next: pointer, replaces: { type: "string" } }, ["param", "next"]),
    },
    { if: { properties: { scheme: { const: "start-index" } } }, then: withItems({ param: { type: "string" }, total: pointer }, ["param", "total"]) },
  ],
} as const;

export const rateLimitSchema = {
  type: "object",
  required: ["requestsPerSecond"],
  additionalProperties: false,
  properties: { requestsPerSecond: { type: "number", exclusiveMinimum: 0 } },
} as const;

const pathTemplate = { type: "string", pattern: "^/" } as const;
const nonEmptyStrings = { type: "array", minItems: 1, items: { type: "string", minLength: 1 } } as const;

/** `x-secfetch-readme-example`: `true`, or what the README's example passes to the call. */
export const readmeExampleSchema = {
  anyOf: [{ const: true }, { type: "object", additionalProperties: false, properties: { init: { type: "object" } } }],
} as const;

export const jobSchema = {
  type: "object",
  required: ["params", "status", "state", "running"],
  additionalProperties: false,
  properties: {
    params: { type: "object", minProperties: 1, additionalProperties: pointer },
    status: pathTemplate,
    state: pointer,
    running: nonEmptyStrings,
    outcome: { type: "object", required: ["at", "success"], additionalProperties: false, properties: { at: pointer, success: nonEmptyStrings } },
    results: pathTemplate,
    cancel: pathTemplate,
  },
} as const;
