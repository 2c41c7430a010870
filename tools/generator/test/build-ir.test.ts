import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { buildIR } from "../src/ir/build-ir.js";
import { readSpec } from "../src/load/read-spec.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

it("lists the paths the declared sign-in calls itself, whatever host template they start with", async () => {
  const signInPaths = async (vendor: string) => buildIR(await readSpec(repo, vendor)).signInPaths;
  expect(await signInPaths("ennov-insight")).toEqual(["/insight/api/v2/login", "/insight/api/v2/token", "/{tenantId}/oauth2/v2.0/token"]);
  expect(await signInPaths("fortiauthenticator")).toEqual(["/api/v1/oauth/token/", "/api/v1/pushpoll/"]);
  expect(await signInPaths("sophos-central")).toEqual(["/api/v2/oauth2/token", "/whoami/v1"]);
  expect(await signInPaths("forcepoint-one")).toEqual([]);
});
