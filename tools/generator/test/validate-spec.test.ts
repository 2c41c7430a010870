import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { LoadedSpec } from "../src/load/read-spec.js";
import { validateSpec } from "../src/load/validate-spec.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const file = "specs/paloalto-saas-security/openapi.yaml";

async function spec(edit: (document: Record<string, any>) => void): Promise<LoadedSpec> {
  const document = parse(await readFile(path.join(repo, file), "utf8"));
  edit(document);
  return { vendor: "paloalto-saas-security", absolutePath: path.join(repo, file), file, document, hash: "test" };
}

const problems = (loaded: LoadedSpec) => {
  try {
    validateSpec(loaded);
    return "";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("validateSpec", () => {
  it("accepts the committed spec", async () => {
    expect(problems(await spec(() => {}))).toBe("");
  });

  it.each([
    [
      "a bad enum value",
      (doc: any) => (doc["x-secfetch-auth"].modes[0].token.clientAuth = "header"),
      `${file}#/x-secfetch-auth/modes/0/token/clientAuth: must be one of basic, body, none`,
    ],
    [
      "an unknown key",
      (doc: any) => (doc["x-secfetch-auth"].modes[0].token.encodng = "form"),
      `${file}#/x-secfetch-auth/modes/0/token: has an unknown key "encodng"`,
    ],
    [
      "a template naming an undeclared option",
      (doc: any) => (doc["x-secfetch-auth"].modes[0].token.params.scope = "{scope}"),
      `${file}#/x-secfetch-auth/modes/0/token/params/scope: uses {scope}, which is neither a declared option nor a captured value`,
    ],
    [
      "a mode requiring an undeclared option",
      (doc: any) => doc["x-secfetch-auth"].modes[0].requires.push("apiKey"),
      `${file}#/x-secfetch-auth/modes/0/requires: names "apiKey", which is not a declared option`,
    ],
    [
      "a pager naming a missing query parameter",
      (doc: any) => (doc.paths["/incident/api/incidents/delta"].get["x-secfetch-paginate"].pageSize = "size"),
      `${file}#/paths/~1incident~1api~1incidents~1delta/get/x-secfetch-paginate/pageSize: names the query parameter "size", which the operation does not declare`,
    ],
    [
      "a missing auth declaration",
      (doc: any) => delete doc["x-secfetch-auth"],
      `${file}#/x-secfetch-auth: is required`,
    ],
    [
      "a package name that is not the folder",
      (doc: any) => (doc.info["x-secfetch-package"] = "palo"),
      `${file}#/info/x-secfetch-package: must equal the spec's folder name`,
    ],
    [
      "a README example with a key it does not take",
      (doc: any) => (doc.paths["/incident/api/apps"].get["x-secfetch-readme-example"] = { init: {}, params: {} }),
      `${file}#/paths/~1incident~1api~1apps/get/x-secfetch-readme-example`,
    ],
  ])("reports %s with the file and JSON pointer", async (_, edit, expected) => {
    expect(problems(await spec(edit))).toContain(expected);
  });

  it("checks the declarations against the schema derived from the engine's types, one precise problem each", async () => {
    const paging = (doc: any) => doc.paths["/incident/api/incidents/delta"].get["x-secfetch-paginate"];
    // A field of another scheme: reported against the declared scheme alone, not as "no scheme matches".
    const wrongField = problems(await spec((doc) => (paging(doc).param = "page")));
    expect(wrongField).toContain(`${file}#/paths/~1incident~1api~1incidents~1delta/get/x-secfetch-paginate: has an unknown key "param"`);
    expect(wrongField).toContain("has 1 problem:");
    expect(problems(await spec((doc) => (paging(doc).scheme = "offset")))).toContain(
      "x-secfetch-paginate/scheme: must be one of next-path, page-number, key, cursor, offset-next, page-token, start-index (got \"offset\")",
    );
    expect(problems(await spec((doc) => (paging(doc).items = "resources")))).toContain(`x-secfetch-paginate/items: must match pattern "^(/[^/]*)*$"`);
    expect(problems(await spec((doc) => (doc["x-secfetch-auth"].modes[0].static = { scheme: "bearer", token: "{clientId}" })))).toContain(
      `${file}#/x-secfetch-auth/modes/0: must declare exactly one of token, exchange or static (it declares token and static)`,
    );
    expect(problems(await spec((doc) => (doc["x-secfetch-auth"].reauthOn = [401.5])))).toContain(`${file}#/x-secfetch-auth/reauthOn/0: must be integer`);
    expect(problems(await spec((doc) => (doc["x-secfetch-auth"].refusalHints = { "500": "x" })))).toContain(`${file}#/x-secfetch-auth/refusalHints`);
    expect(problems(await spec((doc) => (doc["x-secfetch-rate-limit"] = { requestsPerSecond: 0 })))).toContain(`${file}#/x-secfetch-rate-limit/requestsPerSecond: must be > 0`);
  });
});

describe("delegates", () => {
  it("must be listed by paged GETs of the spec", async () => {
    const sophos = "specs/sophos-central/openapi.yaml";
    const document = parse(await readFile(path.join(repo, sophos), "utf8"));
    document["x-secfetch-auth"].discover.delegates.list.partner = "/whoami/v1";
    const message = problems({ vendor: "sophos-central", absolutePath: path.join(repo, sophos), file: sophos, document, hash: "test" });
    expect(message).toContain(`${sophos}#/x-secfetch-auth/discover/delegates/list/partner: names /whoami/v1, which is not a paged GET of this spec`);
  });
});

describe("the declaration's shape", () => {
  it("is written once: the committed schema and the README's field reference are what the engine's types give", async () => {
    const { syncDeclaration } = await import("../src/declaration/sync-declaration.js");
    expect(await syncDeclaration({ root: repo, check: true, force: true })).toEqual([]);
  }, 60_000);
});
