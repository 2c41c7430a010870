import type { Client, FetchResponse, MaybeOptionalInit } from "openapi-fetch";

type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type MediaType = `${string}/${string}`;
type PathsWithMethod<Paths, Method extends HttpMethod> = { [P in keyof Paths]: Paths[P] extends { [M in Method]: unknown } ? P : never }[keyof Paths];

/** The init argument, required exactly when the operation has a required parameter or body. */
export type InitArgs<Init> = {} extends NonNullable<Init> ? [init?: Init] : [init: Init];

/**
 * openapi-fetch's method type, with the init argument typed by the operation rather than inferred
 * from the call. openapi-fetch infers it (so that `parseAs` can shape `data`), and an inferred
 * object is only checked for assignability: a misspelled query parameter or body field compiles
 * wherever the operation has a required one. Typed by the operation, every object literal of the
 * call gets TypeScript's excess-property check.
 */
// `any` as openapi-fetch constrains its own `Paths`: a spec's path items are indexed by method below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StrictMethod<Paths extends Record<string, any>, Method extends HttpMethod, Media extends MediaType = MediaType> = <Path extends PathsWithMethod<Paths, Method>>(
  url: Path,
  ...init: InitArgs<MaybeOptionalInit<Paths[Path], Method>>
) => Promise<FetchResponse<Paths[Path][Method], MaybeOptionalInit<Paths[Path], Method>, Media>>;

/** An openapi-fetch client whose HTTP methods check their init arguments exactly. */
export type StrictClient<Paths extends {}> = Omit<Client<Paths, `${string}/${string}`>, "GET" | "PUT" | "POST" | "DELETE" | "PATCH"> & {
  GET: StrictMethod<Paths, "get", `${string}/${string}`>;
  PUT: StrictMethod<Paths, "put", `${string}/${string}`>;
  POST: StrictMethod<Paths, "post", `${string}/${string}`>;
  DELETE: StrictMethod<Paths, "delete", `${string}/${string}`>;
  PATCH: StrictMethod<Paths, "patch", `${string}/${string}`>;
};
