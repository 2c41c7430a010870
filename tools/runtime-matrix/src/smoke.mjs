// The smoke suite every runtime of the matrix runs: plain JavaScript, no Node API, so Node, Bun,
// Deno, workerd and a browser can all load it. It gets the vendor modules from its runner (imported,
// required or bundled) and the emulators' addresses and demo credentials from the orchestrator.

/**
 * @param {Record<string, any>} modules the six vendor packages, by short name
 * @param {any} config what `describeEmulators` in matrix.ts sends
 * @returns {Promise<Record<string, { ok: boolean, detail: string, tokens?: number }>>}
 */
export async function smoke(modules, config) {
  const results = {};
  for (const [name, check] of Object.entries(CHECKS)) {
    let issued = 0;
    const onEvent = (event) => {
      if (event.type === "token.issued") issued++;
    };
    try {
      const detail = await check(modules, config[name], { onEvent, timeoutMs: 10_000 });
      results[name] = { ok: true, detail, tokens: issued };
    } catch (error) {
      results[name] = { ok: false, detail: `${error?.name ?? "Error"}: ${error?.message ?? String(error)}`, tokens: issued };
    }
  }
  return results;
}

const CHECKS = {
  async paloAlto({ paloAlto }, c, common) {
    const client = paloAlto.createPaloAltoSaasSecurityClient({ ...c.credentials, baseUrl: c.url, ...common });
    await concurrentOk(() => client.GET("/incident/api/apps"), 5);
    const items = await count(client.paginate("/incident/api/incidents/delta", { params: { query: { limit: 10, state: "open,closed" } } }));
    expectEqual("incidents", items, c.expect.items);
    return `5 concurrent calls, ${items} incidents paged`;
  },
  async sophos({ sophos }, c, common) {
    const client = sophos.createSophosCentralClient({ ...c.credentials, idUrl: c.idUrl, baseUrl: c.url, ...common });
    await concurrentOk(() => client.GET("/endpoint/v1/endpoints"), 5);
    const items = await count(client.paginate("/common/v1/alerts", { params: { query: { pageSize: 5 } } }));
    expectEqual("alerts", items, c.expect.items);
    return `5 concurrent calls after whoami, ${items} alerts paged`;
  },
  async forti({ forti }, c, common) {
    let client;
    try {
      client = forti.createFortiAuthenticatorClient({ ...c.credentials, baseUrl: c.url, ca: c.ca, ...common });
    } catch (error) {
      // Where the runtime cannot trust another CA, the factory must say so, naming the option.
      if (error?.name === "ConfigurationError" && error.option === "ca") return "custom CA refused with ConfigurationError (runtime has no CA option)";
      throw error;
    }
    const [first] = await concurrentOk(() => client.GET("/api/v1/localusers/", { params: { query: { limit: 1 } } }), 5);
    const items = await count(client.paginate("/api/v1/localusers/", { params: { query: { limit: 10 } } }));
    expectEqual("local users (the total the first page states)", items, first.data.meta.total_count);
    return `custom CA trusted, password sign-in, ${items} users paged`;
  },
  async forcepoint({ forcepoint }, c, common) {
    const client = forcepoint.createForcepointOneClient({ ...c.credentials, baseUrl: c.url, ...common });
    const items = await count(client.paginate("/api/bitglassapi/v2/scim/Users", { params: { query: { count: 10 } } }));
    expectEqual("SCIM users", items, c.expect.items);
    // CSV pages go through csv-parse, loaded on demand (its browser build where Buffer is absent).
    let records = 0;
    for await (const page of client.exportLogs({ type: "admin", format: "csv", since: new Date(c.expect.logsSince) })) records += page.records.length;
    expectEqual("admin log records from CSV", records, c.expect.csvRecords);
    return `${items} SCIM users paged with a static bearer, ${records} log records from CSV pages`;
  },
  async insights({ insights }, c, common) {
    const client = insights.createForcepointOneInsightsClient({ ...c.credentials, baseUrl: c.url, portalUrl: c.portalUrl, ...common });
    const results = await concurrentOk(
      () => client.POST("/api/export/{product}/{collection}", { params: { path: { product: "SSE", collection: "Admin" } }, body: { starttime: "2025-08-26 00:00:00", offset: 1, limit: 5 } }),
      3,
    );
    return `API key exchanged, 3 concurrent exports of ${results[0].data.data.length} records`;
  },
  async ennov({ ennov }, c, common) {
    let client;
    try {
      client = ennov.createEnnovInsightClient({ ...c.credentials, baseUrl: c.url, loginUrl: c.loginUrl, ...common });
    } catch (error) {
      // A browser drops the Cookie header the InSight session rides on: the factory must say so.
      if (error?.name === "ConfigurationError" && /Cookie/.test(error.message)) return "session cookie refused with ConfigurationError (runtime cannot send Cookie)";
      throw error;
    }
    const results = await concurrentOk(() => client.POST("/insight/api/v2/event/read", { body: { queryFor: {} } }), 5);
    return `Entra sign-in and cookie + CSRF session, 5 concurrent reads of ${results[0].data.length ?? "?"} events`;
  },
};

async function concurrentOk(call, n) {
  const results = await Promise.all(Array.from({ length: n }, call));
  for (const result of results) {
    if (!result.response.ok) throw new Error(`HTTP ${result.response.status}: ${JSON.stringify(result.error)}`);
  }
  return results;
}

async function count(iterable) {
  let n = 0;
  for await (const _ of iterable) n++;
  return n;
}

function expectEqual(what, actual, expected) {
  if (actual !== expected) throw new Error(`${what}: expected ${expected}, got ${actual}`);
}
