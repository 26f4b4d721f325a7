import { existsSync, mkdirSync } from "node:fs";
import { basename, join } from "node:path";

import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";

// A real browser for the tests: Debian's Chromium (`apt-get install -y chromium`, which .ci/run does), driven by
// playwright-core. npm cannot download a browser here, so there is no fallback: without Chromium the browser
// tests fail, loudly. They never skip.

/** Debian's Chromium; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Screenshots and other artifacts of the browser tests (git-ignored). */
export const ARTIFACTS = join(import.meta.dirname, "..", "artifacts");

/**
 * The flags Chromium needs on this machine: no sandbox (the tests run as root), no GPU, and none of the
 * background traffic (QUIC, component updates, sync) that stalls it on a closed network.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches headless Chromium (Playwright gives it a fresh profile folder of its own, removed on close). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM} and it is not there. Install Debian's: apt-get install -y chromium ` +
        "(.ci/run does), or set CHROMIUM_PATH. These tests fail rather than skip.",
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** One headless Chromium for a test file: launched before its tests, closed after them. */
export function useBrowser(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });
  return {
    get browser() {
      if (!browser) throw new Error("useBrowser() is used before its beforeAll ran");
      return browser;
    },
  };
}

export type OpenPage = {
  page: Page;
  context: BrowserContext;
  /** Every URL the page asked for, in order. */
  readonly requests: readonly string[];
  /** Requests for anything but `origin` (and data: URLs): aborted, and listed here. A page that works offline has none. */
  readonly offsite: readonly string[];
  /** Console errors and uncaught exceptions (a Content-Security-Policy violation is a console error). */
  readonly errors: readonly string[];
  /** Saves a full-page screenshot as tests/artifacts/<test file>-<backend>-<name>.png; returns its path. */
  screenshot(name: string): Promise<string>;
  /** Checks that nothing left the machine and nothing failed on the page, but for the errors `expected` matches. */
  expectClean(expected?: RegExp): void;
  close(): Promise<void>;
};

/**
 * A page in a fresh context (empty storage) that may only reach `origin`: every other request is aborted and
 * recorded, as are console errors. `file` names the test file for the screenshots (pass import.meta.filename).
 */
export async function openPage(browser: Browser, origin: string, file: string): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: "block" });
  const requests: string[] = [];
  const offsite: string[] = [];
  const errors: string[] = [];
  const allowed = new URL(origin).origin;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith("data:") || new URL(url).origin === allowed) return route.continue();
    offsite.push(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  const prefix = `${basename(file).replace(/\.test\.ts$/, "")}-${inject("backend")}`;
  return {
    page,
    context,
    requests,
    offsite,
    errors,
    async screenshot(name) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${prefix}-${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    expectClean(expected) {
      expect(offsite, "requests that left the machine").toEqual([]);
      expect(
        errors.filter((error) => !expected?.test(error)),
        "errors on the page",
      ).toEqual([]);
    },
    close: () => context.close(),
  };
}
