import type { AuthDeclaration, JobDeclaration, PaginationDeclaration } from "@secfetch/auth";

/** The vendor-neutral model every emitter reads; emitters never read the raw spec. */
export interface VendorIR {
  vendor: string;
  /** `@secfetch/<vendor>`. */
  packageName: string;
  /** Vendor part of the factory name: `PaloAltoSaasSecurity`. */
  clientName: string;
  title: string;
  summary: string;
  specFile: string;
  specHash: string;
  servers: Array<{ region: string | undefined; url: string; description: string | undefined }>;
  regional: boolean;
  /** True when the first server is a template (`https://{appliance}`): the factory then needs `baseUrl`. */
  baseUrlRequired: boolean;
  rateLimit: { requestsPerSecond: number } | undefined;
  auth: AuthDeclaration;
  paged: Array<{ path: string; declaration: PaginationDeclaration; itemPath: string[]; mediaType: string; summary: string | undefined }>;
  /** Long-running jobs by the path of their starting POST, with the success status of that POST. */
  jobs: Array<{ path: string; declaration: JobDeclaration; startStatus: string; startMediaType: string }>;
  retrySafe: string[];
  /** Operations marked `x-secfetch-reauth: false`. */
  noReauth: string[];
  /** Paths whose every operation names its own server (a sign-in host): kept out of the client's paths. */
  externalPaths: string[];
  /** Paths the declared sign-in calls itself (token, exchange, challenge poll, discovery, session steps): never shown as an example call. */
  signInPaths: string[];
  /** Extra runtime dependencies of the vendor's hand-written `src/extras/` (`info.x-secfetch-dependencies`). */
  dependencies: Record<string, string>;
  /** Subpath imports of the extras, chosen per runtime by condition (`info.x-secfetch-imports`). */
  imports: Record<string, Record<string, string>>;
  operations: Array<{
    method: string;
    path: string;
    operationId: string | undefined;
    summary: string | undefined;
    tag: string | undefined;
    /** A call must pass a required parameter or body (so it makes no one-line example). */
    needsInput: boolean;
    /** `x-secfetch-readme-example`: the call the README shows, with what it passes. */
    readmeExample?: { init?: Record<string, unknown> };
  }>;
  /** The spec's tags in its order, with their descriptions: the families operations are listed by. */
  families: Array<{ name: string; description: string | undefined }>;
}
