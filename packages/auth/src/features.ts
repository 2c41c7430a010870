/**
 * `@secfetch/auth/features`: the engine pieces generated code hands to `createApiClient`
 * (`definition.features`), one import per paging scheme, flow and helper its spec declares.
 */
export { cursorPager } from "./paginate/cursor.js";
export { nextKeyPager } from "./paginate/next-key.js";
export { nextPathPager } from "./paginate/next-path.js";
export { offsetNextPager } from "./paginate/offset-next.js";
export { pageNumberPager } from "./paginate/page-number.js";
export { pageTokenPager } from "./paginate/page-token.js";
export { startIndexPager } from "./paginate/start-index.js";
export { createOAuthTokenRequest } from "./flows/oauth-token-request.js";
export { createCredentialExchange } from "./flows/credential-exchange.js";
export { createStaticAuthorizer } from "./flows/static-authorizer.js";
export { createChallengeStep } from "./flows/challenge-step.js";
export { createDiscoveryStep } from "./flows/discovery-step.js";
export { createSessionHandshake } from "./flows/session-handshake.js";
export { createStoredSession } from "./store/stored-session.js";
export { startJob } from "./jobs/job.js";
export { resolveWaitOptions } from "./jobs/wait-options.js";
export { createDelegates } from "./client/delegates.js";
export { csvTextItems, type CsvParse, type TextItemsDecoder } from "./paginate/text-items.js";
export type { EngineFeatures } from "./client/engine-features.js";
