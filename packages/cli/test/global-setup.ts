import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** One folder for every scratch folder of this run (homes, profiles, checkpoints, CA files), removed at the end. */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), "secfetch-cli-test-"));
  process.env.SECFETCH_CLI_TEST_TMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
