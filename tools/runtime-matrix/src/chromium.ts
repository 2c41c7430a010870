import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium as playwright } from "playwright-core";
import { bundleFor, type Runtime, type SmokeResults } from "./runtimes.js";

/** Debian's Chromium (apt package `chromium`); `.ci/run` installs it. */
export const CHROMIUM = process.env.SECFETCH_CHROMIUM ?? "/usr/bin/chromium";

// Without the background-networking flags Chromium keeps dialling Google's hosts, which a
// closed network refuses. playwright gives each launch a fresh profile.
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Headless Chromium driven by playwright-core: a page on its own loopback origin runs the bundled suite. */
export const chromium: Runtime = {
  name: "Chromium",
  unpinned: "Debian's",
  loading: "esbuild bundle (browser)",
  takesCa: false,
  sendsCookies: false,
  version: async () => {
    const { stdout } = await promisify(execFile)(CHROMIUM, ["--version"]).catch((error: Error) => {
      throw new Error(`Chromium is not installed at ${CHROMIUM} (${error.message}). Install Debian's chromium (apt-get install chromium, as root) or set SECFETCH_CHROMIUM.`);
    });
    return /Chromium (\S+)/.exec(stdout)?.[1] ?? stdout.trim();
  },
  async run(config) {
    const dir = await mkdtemp(path.join(tmpdir(), "secfetch-chromium-"));
    const bundle = path.join(dir, "smoke.js");
    await bundleFor("browser.mjs", ["browser"], bundle);
    const script = await readFile(bundle);
    const page = createServer((req, res) => {
      if (req.url === "/smoke.js") {
        res.writeHead(200, { "Content-Type": "text/javascript" }).end(script);
      } else {
        res.writeHead(200, { "Content-Type": "text/html" }).end('<!doctype html><meta charset="utf-8"><script type="module" src="/smoke.js"></script>');
      }
    });
    await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
    // "localhost", not 127.0.0.1: the page's origin differs from every emulator's, so each call is cross-origin.
    const origin = `http://localhost:${(page.address() as AddressInfo).port}`;
    const browser = await playwright.launch({ executablePath: CHROMIUM, args: FLAGS });
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on("pageerror", (error) => errors.push(error.message));
      await tab.goto(`${origin}/`);
      await tab.waitForFunction(() => typeof (globalThis as { runSmoke?: unknown }).runSmoke === "function", undefined, { timeout: 20_000 }).catch(() => {
        throw new Error(`the page never loaded the suite${errors.length ? `: ${errors.join("; ")}` : ""}`);
      });
      return await tab.evaluate((value) => (globalThis as unknown as { runSmoke(config: unknown): Promise<SmokeResults> }).runSmoke(value), config);
    } finally {
      await browser.close();
      await new Promise((resolve) => page.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  },
};
