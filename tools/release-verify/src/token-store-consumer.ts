import path from "node:path";
import { tail, type ConsumerContext, type ConsumerReport } from "./consumer.js";
import { freshProject } from "./fresh-project.js";
import { RESOLUTIONS, tsconfig, type Resolution } from "./programs.js";
import { run } from "./run.js";

export const TOKEN_STORE = "@secfetch/token-store-redis";

// Two workers' stores (two connections, as two processes would hold) on a throwaway
// redis-server, sealed values, one vendor client each: one sign-in between them.
const PROGRAM = `import { createPaloAltoSaasSecurityClient } from "@secfetch/paloalto-saas-security";
import { startPaloAltoSaasSecurityEmulator } from "@secfetch/emulators";
import { createRedisTokenStore } from "@secfetch/token-store-redis";
import { startRedisServer } from "@secfetch/token-store-redis/testing";
import { randomBytes } from "node:crypto";

const [redis, emulator] = await Promise.all([startRedisServer(), startPaloAltoSaasSecurityEmulator()]);
const encryptionKey = randomBytes(32).toString("base64");
const stores = [createRedisTokenStore({ url: redis.url, encryptionKey }), createRedisTokenStore({ url: redis.url, encryptionKey })];
try {
  const workers = stores.map((tokenStore) => createPaloAltoSaasSecurityClient({ ...emulator.clientOptions(), tokenStore }));
  const answers = await Promise.all(workers.flatMap((client) => [client.GET("/incident/api/apps"), client.GET("/incident/api/apps")]));
  const failed = answers.filter(({ response }) => !response.ok).length;
  console.log(\`RESULT \${JSON.stringify({ calls: answers.length, failed, tokens: emulator.count("POST /oauth/token") })}\`);
} finally {
  await Promise.all(stores.map((store) => store.close()));
  await emulator.close();
  await redis.stop();
}
`;

/**
 * The Redis token store installed alone with one vendor from the registry: its dependency tree,
 * its types (the \`./testing\` entry point included) under both resolutions, and two workers on a
 * real redis-server sharing one token. Needs \`redis-server\` (CI installs it).
 */
export async function checkTokenStoreConsumer(dir: string, context: ConsumerContext): Promise<ConsumerReport> {
  const manifest = {
    name: "secfetch-token-store-consumer",
    private: true,
    type: "module",
    dependencies: { [TOKEN_STORE]: context.published.get(TOKEN_STORE)! },
    // The vendor in dev: the production tree checked is the store's own.
    devDependencies: {
      "@secfetch/paloalto-saas-security": context.published.get("@secfetch/paloalto-saas-security")!,
      "@secfetch/emulators": context.published.get("@secfetch/emulators")!,
      ...context.devTools,
    },
  };
  const files: Record<string, string> = { "main.ts": PROGRAM };
  for (const resolution of Object.keys(RESOLUTIONS) as Resolution[]) files[`tsconfig.${resolution}.json`] = tsconfig(resolution, ["main.ts"]);
  const project = await freshProject(dir, TOKEN_STORE, manifest, files, context);
  if (!("check" in project)) return project;
  const { report, check } = project;

  for (const resolution of Object.keys(RESOLUTIONS) as Resolution[]) {
    await check(`types (${resolution})`, async () => {
      const result = await run(process.execPath, [path.join(dir, "node_modules/typescript/bin/tsc"), "-p", `tsconfig.${resolution}.json`, "--pretty", "false"], { cwd: dir });
      return result.code === 0 ? [] : [tail(result.stdout)];
    });
  }
  await check("run: two workers share one token", async () => {
    const ran = await run(process.execPath, [path.join(dir, "node_modules/tsx/dist/cli.mjs"), "main.ts"], { cwd: dir, timeoutMs: 120_000 });
    const line = /^RESULT (.*)$/m.exec(ran.stdout)?.[1];
    const result = line ? (JSON.parse(line) as { calls: number; failed: number; tokens: number }) : undefined;
    if (ran.code !== 0 || !result) return [`exited with ${ran.code}: ${tail(`${ran.stdout}\n${ran.stderr}`)}`];
    return result.failed > 0 || result.tokens !== 1 ? [`${result.calls} calls, ${result.failed} failed, ${result.tokens} token requests (want 0 failed, 1 token request)`] : [];
  });
  return report;
}
