import type { VendorIR } from "../ir/vendor-ir.js";

/** The export of `@secfetch/auth/features` for each paging scheme. */
const PAGERS: Record<string, string> = {
  "next-path": "nextPathPager",
  "page-number": "pageNumberPager",
  key: "nextKeyPager",
  cursor: "cursorPager",
  "offset-next": "offsetNextPager",
  "page-token": "pageTokenPager",
  "start-index": "startIndexPager",
};

/**
 * The engine pieces a spec's declaration uses, as the `features` member of the generated
 * definition and the import it needs: a bundle of the client holds these and no others.
 */
export function emitFeatures(ir: VendorIR): { importLine: string; member: string } {
  const names = new Set<string>();
  const entries: string[] = [];
  const use = (key: string, value: string, ...imports: string[]) => {
    entries.push(`    ${key}: ${value},`);
    for (const name of imports) names.add(name);
  };
  const schemes = [...new Set(ir.paged.map((page) => page.declaration.scheme))].sort();
  if (schemes.length > 0) {
    use("pagers", `{ ${schemes.map((scheme) => `${JSON.stringify(scheme)}: ${PAGERS[scheme]!}`).join(", ")} }`, ...schemes.map((scheme) => PAGERS[scheme]!));
  }
  const modes = ir.auth.modes;
  if (modes.some((mode) => mode.token)) use("oauthToken", "createOAuthTokenRequest", "createOAuthTokenRequest");
  if (modes.some((mode) => mode.exchange)) use("exchange", "createCredentialExchange", "createCredentialExchange");
  if (modes.some((mode) => mode.static)) use("staticCredential", "createStaticAuthorizer", "createStaticAuthorizer");
  if (modes.some((mode) => mode.challenge)) use("challenge", "createChallengeStep", "createChallengeStep");
  if (ir.auth.discover) use("discovery", "createDiscoveryStep", "createDiscoveryStep");
  if (ir.auth.discover?.delegates) use("delegates", "createDelegates", "createDelegates");
  if (ir.auth.session) use("session", "createSessionHandshake", "createSessionHandshake");
  if (ir.auth.session) use("sharedSession", "createStoredSession", "createStoredSession");
  if (ir.jobs.length > 0) use("jobs", "{ start: startJob, resolveWaitOptions }", "startJob", "resolveWaitOptions");
  // The parser comes from the vendor package's own `#csv-parse` import (the spec declares it), so
  // neither auth nor any other vendor's bundle has to resolve csv-parse.
  if (ir.paged.some((page) => page.declaration.itemsText === "csv")) use("textItems", '{ csv: csvTextItems(() => import("#csv-parse")) }', "csvTextItems");
  return {
    importLine: `import { ${[...names].sort().join(", ")} } from "@secfetch/auth/features";`,
    member: `  features: {\n${entries.join("\n")}\n  },`,
  };
}
