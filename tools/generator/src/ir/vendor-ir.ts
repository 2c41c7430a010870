import type { AuthDeclaration, PaginationDeclaration } from "@secfetch/auth";

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
  auth: AuthDeclaration;
  paged: Array<{ path: string; declaration: PaginationDeclaration; itemPath: string[]; summary: string | undefined }>;
  retrySafe: string[];
  operations: Array<{ method: string; path: string; operationId: string | undefined; summary: string | undefined }>;
}
