import type { EngineFeatures } from "./client/engine-features.js";
import * as pieces from "./features.js";
import { ALL_PAGERS } from "./paginate/create-pager.js";

/**
 * Every engine piece: for a client built by hand from a definition of your own (its bundle holds
 * them all). Text pages are the exception: their parser is not a dependency of this package, so a
 * definition with `itemsText: csv` adds `textItems: { csv: csvTextItems(() => import("csv-parse/sync")) }`.
 */
export const ALL_FEATURES: EngineFeatures = {
  pagers: ALL_PAGERS,
  oauthToken: pieces.createOAuthTokenRequest,
  exchange: pieces.createCredentialExchange,
  staticCredential: pieces.createStaticAuthorizer,
  challenge: pieces.createChallengeStep,
  discovery: pieces.createDiscoveryStep,
  session: pieces.createSessionHandshake,
  sharedSession: pieces.createStoredSession,
  jobs: { start: pieces.startJob, resolveWaitOptions: pieces.resolveWaitOptions },
  delegates: pieces.createDelegates,
};
