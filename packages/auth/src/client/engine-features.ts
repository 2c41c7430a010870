import type { PaginationDeclaration } from "../declaration/types.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import type { createChallengeStep } from "../flows/challenge-step.js";
import type { createCredentialExchange } from "../flows/credential-exchange.js";
import type { createDiscoveryStep } from "../flows/discovery-step.js";
import type { createOAuthTokenRequest } from "../flows/oauth-token-request.js";
import type { createSessionHandshake } from "../flows/session-handshake.js";
import type { createStoredSession } from "../store/stored-session.js";
import type { createStaticAuthorizer } from "../flows/static-authorizer.js";
import type { startJob } from "../jobs/job.js";
import type { resolveWaitOptions } from "../jobs/wait-options.js";
import type { Pager } from "../paginate/pager.js";
import type { TextItemsDecoders } from "../paginate/text-items.js";
import type { createDelegates } from "./delegates.js";

type Scheme = PaginationDeclaration["scheme"];

/**
 * The engine pieces a client needs beyond its core (token cache, transport, errors), handed in
 * by the generated code for exactly what its spec declares: a bundler then leaves out every
 * paging scheme, flow and helper the vendor does not use. `@secfetch/auth/features` holds them;
 * `ALL_FEATURES` (in the building blocks) has every one, for clients built by hand.
 */
export interface EngineFeatures {
  pagers?: { readonly [S in Scheme]?: (declaration: Extract<PaginationDeclaration, { scheme: S }>) => Pager };
  oauthToken?: typeof createOAuthTokenRequest;
  exchange?: typeof createCredentialExchange;
  staticCredential?: typeof createStaticAuthorizer;
  challenge?: typeof createChallengeStep;
  discovery?: typeof createDiscoveryStep;
  session?: typeof createSessionHandshake;
  /** A session kept in a store shared between processes, when the client is given one. */
  sharedSession?: typeof createStoredSession;
  jobs?: { start: typeof startJob; resolveWaitOptions: typeof resolveWaitOptions };
  delegates?: typeof createDelegates;
  /** Decoders for the text page formats the spec declares (`itemsText`), with their parser brought by the vendor package. */
  textItems?: TextItemsDecoders;
}

/** A piece the declaration uses, or a clear error: the generated code and the spec disagree. */
export function feature<K extends keyof EngineFeatures>(features: EngineFeatures | undefined, name: K, source: string): NonNullable<EngineFeatures[K]> {
  const piece = features?.[name];
  if (piece) return piece;
  throw new ConfigurationError(`${source}: this client was built without the engine's \`${name}\` piece, which its declaration uses.`, {
    hint: "Regenerate the package (`npm run generate`), or pass ALL_FEATURES from @secfetch/auth/building-blocks with a hand-written definition.",
  });
}

/** One entry of a keyed piece (a paging scheme's pager, a text format's decoder), or the same clear error. */
export function featureEntry<K extends "pagers" | "textItems", E extends keyof NonNullable<EngineFeatures[K]> & string>(
  features: EngineFeatures | undefined,
  name: K,
  entry: E,
  source: string,
): NonNullable<NonNullable<EngineFeatures[K]>[E]> {
  const piece = feature(features, name, source)[entry];
  if (piece) return piece;
  throw new ConfigurationError(`${source}: this client was built without the engine's \`${name}\` piece for \`${entry}\`, which its declaration uses.`, {
    hint: "Regenerate the package (`npm run generate`).",
  });
}

/** The pager for a declared scheme, from the pagers handed in. */
export function pagerFor(features: EngineFeatures | undefined, declaration: PaginationDeclaration, source: string): Pager {
  return (featureEntry(features, "pagers", declaration.scheme, source) as (declaration: PaginationDeclaration) => Pager)(declaration);
}
