import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { definition } from "../src/index.js";

// @secfetch/auth's tests drive createApiClient with a copy of this package's definition (auth
// cannot import a vendor package that depends on it). The copy must not drift from the spec.
it("auth's test copy of the Palo Alto definition is the generated one", async () => {
  const copy = await readFile(new URL("../../auth/test/support/paloalto-definition.ts", import.meta.url), "utf8");
  // The copy's data after its `features` line (the engine pieces, which are code, not data).
  const literal = /export const paloAltoDefinition = \{\n {2}features: ALL_FEATURES,\n([\s\S]*?\n\}) as const/.exec(copy)?.[1];
  expect(literal, "the copy's object literal").toBeDefined();
  const { features: _features, ...data } = definition;
  expect(JSON.parse(`{\n${literal!}`)).toEqual(JSON.parse(JSON.stringify(data)));
});
