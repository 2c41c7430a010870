import { afterAll, describe, expect, it } from "vitest";
import { OPENAPI_DOCUMENTS } from "@secfetch/emulators/spec";
import { signInOperations } from "../src/sign-in-operations.js";
import { walkOperations } from "../src/walk-operations.js";
import { VENDORS } from "../src/vendors.js";

// One general test: every operation of every spec, called through the vendor's generated client
// against its emulator, answers with a success the spec declares and a body valid against it.
describe.each(VENDORS.map((vendor) => [vendor.name, vendor] as const))("%s", (name, vendor) => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
  });

  it("answers every operation of its spec with a schema-valid success, and a request the spec forbids with the vendor's 400 naming the field", async () => {
    const document = OPENAPI_DOCUMENTS[name]!;
    const setup = await vendor.start();
    closers.push(setup.close);
    const signIn = await signInOperations(name, document);
    const { called, refused, problems } = await walkOperations({ document, signIn, clientFor: setup.clientFor, hints: setup.hints });
    await setup.exerciseSignIn?.();
    const unused = [...signIn].filter((key) => setup.count(key) === 0);
    expect({ problems, signInNeverCalled: unused }).toEqual({ problems: [], signInNeverCalled: [] });
    // Many operations have a way to be called wrongly that their spec forbids (a body field, a typed
    // query value); each such one was refused above.
    expect(refused.length).toBeGreaterThan(called.length / 3);
    expect(called.length + signIn.size).toBe(Object.values(document.paths).flatMap((item) => Object.keys(item).filter((k) => /^(get|put|post|delete|patch|head|options|trace)$/.test(k))).length);
  });
});
