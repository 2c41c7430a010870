/**
 * The vendor packages a user installs alone, and what the consumer program does with each: one
 * call through the vendor's real sign-in and, where the vendor pages, a paged walk (the
 * runtime-matrix smoke suites' calls). `body` is the inside of an async function that has
 * `client` and returns a line for the table; it is plain JavaScript that is also strict
 * TypeScript, so the same text is type-checked in main.ts and run by main.ts, check.cjs and the
 * pnpm and Yarn projects.
 */
export interface Vendor {
  package: string;
  factory: string;
  emulator: string;
  body: string;
  /** A static credential: no token is issued, so none is expected. */
  staticToken?: true;
}

export const VENDORS: readonly Vendor[] = [
  {
    package: "@secfetch/paloalto-saas-security",
    factory: "createPaloAltoSaasSecurityClient",
    emulator: "startPaloAltoSaasSecurityEmulator",
    body: `const apps = await client.GET("/incident/api/apps");
  if (!apps.response.ok) throw new Error(\`GET /incident/api/apps: HTTP \${apps.response.status}\`);
  let incidents = 0;
  for await (const incident of client.paginate("/incident/api/incidents/delta", { params: { query: { limit: 10 } } })) if (incident.incident_id) incidents++;
  return \`\${incidents} incidents paged\`;`,
  },
  {
    package: "@secfetch/sophos-central",
    factory: "createSophosCentralClient",
    emulator: "startSophosCentralEmulator",
    body: `const endpoints = await client.GET("/endpoint/v1/endpoints");
  if (!endpoints.response.ok) throw new Error(\`GET /endpoint/v1/endpoints: HTTP \${endpoints.response.status}\`);
  let alerts = 0;
  for await (const _alert of client.paginate("/common/v1/alerts", { params: { query: { pageSize: 5 } } })) alerts++;
  return \`whoami routed, \${alerts} alerts paged\`;`,
  },
  {
    package: "@secfetch/fortiauthenticator",
    factory: "createFortiAuthenticatorClient",
    emulator: "startFortiAuthenticatorEmulator",
    body: `let users = 0;
  for await (const _user of client.paginate("/api/v1/localusers/", { params: { query: { limit: 10 } } })) users++;
  if (users === 0) throw new Error("no local users paged");
  return \`own CA trusted, \${users} users paged\`;`,
  },
  {
    package: "@secfetch/forcepoint-one",
    factory: "createForcepointOneClient",
    emulator: "startForcepointOneEmulator",
    staticToken: true,
    body: `let users = 0;
  for await (const _user of client.paginate("/api/bitglassapi/v2/scim/Users", { params: { query: { count: 10 } } })) users++;
  if (users === 0) throw new Error("no SCIM users paged");
  // CSV pages load csv-parse on the first one: through auth's #csv-parse import and optional peer.
  let records = 0;
  for await (const page of client.exportLogs({ type: "admin", format: "csv", since: new Date("2024-01-01") })) records += page.records.length;
  if (records === 0) throw new Error("no admin log records from CSV pages");
  return \`static bearer, \${users} SCIM users paged, \${records} log records from CSV\`;`,
  },
  {
    package: "@secfetch/forcepoint-one-insights",
    factory: "createForcepointOneInsightsClient",
    emulator: "startForcepointOneInsightsEmulator",
    body: `const exported = await client.POST("/api/export/{product}/{collection}", {
    params: { path: { product: "SSE", collection: "Admin" } },
    body: { starttime: "2025-08-26 00:00:00", offset: 1, limit: 5 },
  });
  if (!exported.data) throw new Error(\`POST /api/export: HTTP \${exported.response.status}\`);
  return \`API key exchanged, \${exported.data.data.length} records exported\`;`,
  },
  {
    package: "@secfetch/ennov-insight",
    factory: "createEnnovInsightClient",
    emulator: "startEnnovInsightEmulator",
    body: `const events = await client.POST("/insight/api/v2/event/read", { body: { queryFor: {} } });
  if (!events.response.ok) throw new Error(\`POST /insight/api/v2/event/read: HTTP \${events.response.status}\`);
  return "Entra sign-in, cookie + CSRF session, events read";`,
  },
];
