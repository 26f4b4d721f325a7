import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { READER_CSP, reader } from "../../src/http/reader.ts";
import { ARTICLE_JS_BUDGET, pageScripts, requireReaderBuild, scriptSizes } from "../setup/reader.ts";
import { useTestServer } from "../setup/use.ts";

// The reader (web/, built into web/dist) at / and its routes, over HTTP: the page, its headers and files, what
// other clients get, a server with READS_REQUIRE_KEY, a server whose reader is not built, and the size of the
// article page's JavaScript. tests/browser/reader.test.ts runs it in Chromium.

const server = useTestServer();
const keyed = useTestServer({ READS_REQUIRE_KEY: "true" });

/** What Chromium sends on a navigation. */
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8";
const ROUTES = ["/", "/search?q=rare+earth", "/article/trump-xi-phone-call-2025-06-05", "/source/china-government", "/claim/Q2xhaW06eA"];

const get = (base: string, path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: "manual" });
const page = async () => (await get(server.url, "/", { accept: BROWSER_ACCEPT })).text();
/** Every src and href in the page. */
const urlsIn = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);

beforeAll(requireReaderBuild);

describe("the reader at / in a browser", () => {
  it("is an HTML page under a strict Content-Security-Policy, checked again on each visit", async () => {
    const response = await get(server.url, "/", { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toBe(READER_CSP);
    const csp = Object.fromEntries(READER_CSP.split(/;\s*/).map((directive) => [directive.split(" ")[0], directive]));
    expect(csp["default-src"]).toBe("default-src 'none'");
    expect(csp["script-src"]).toBe("script-src 'self'");
    expect(csp["style-src"]).toBe("style-src 'self'");
    expect(csp["connect-src"]).toBe("connect-src 'self'");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("vary")).toMatch(/\baccept\b/i);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await response.text();
    expect(html).toContain('<div id="root"></div>');
    // Scripts only from files of this server: none inline.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\/[\w.-]+\.js"/);
      expect(body!.trim()).toBe("");
    }
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^"/);
    const again = await get(server.url, "/", { accept: BROWSER_ACCEPT, "if-none-match": etag, "cache-control": "max-age=0" });
    expect(again.status).toBe(304);
  });

  it("answers each of its routes with the same page, so links to a page of the reader work", async () => {
    const html = await page();
    for (const route of ROUTES) {
      const response = await get(server.url, route, { accept: BROWSER_ACCEPT });
      expect(response.status, route).toBe(200);
      expect(response.headers.get("content-security-policy"), route).toBe(READER_CSP);
      expect(await response.text(), route).toBe(html);
    }
    // And only those: anything else is still a 404.
    for (const path of ["/nope", "/article", "/article/a/b", "/assets/", "/assets/nope.js", "/web/dist/index.html", "/assets/../package.json"]) {
      expect((await get(server.url, path, { accept: BROWSER_ACCEPT })).status, path).toBe(404);
    }
  });

  it("loads nothing from elsewhere: its files are this server's, under /assets/", async () => {
    const html = await page();
    expect(html).not.toMatch(/https?:\/\//);
    const urls = urlsIn(html);
    // Its files, the empty data: favicon, and the API (named in the <noscript> text).
    const files = urls.filter((url) => url !== "data:," && url !== "/graphql");
    expect(files.length).toBeGreaterThan(1);
    expect(
      files.every((url) => /^\/assets\/[\w.-]+\.(js|css)$/.test(url)),
      urls.join(" "),
    ).toBe(true);
    for (const url of urls.filter((each) => each.endsWith(".css"))) {
      expect(await (await get(server.url, url)).text(), url).not.toMatch(/@import|url\(\s*["']?(?!data:)/);
    }
  });

  it("serves its files cached for a year (their names carry a hash of their content), with 304s", async () => {
    const urls = urlsIn(await page()).filter((url) => url.startsWith("/assets/"));
    expect(urls.some((url) => url.endsWith(".js"))).toBe(true);
    expect(urls.some((url) => url.endsWith(".css"))).toBe(true);
    for (const url of urls) {
      const response = await get(server.url, url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get("content-type"), url).toBe(url.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
      expect(response.headers.get("cache-control"), url).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("x-content-type-options"), url).toBe("nosniff");
      const etag = response.headers.get("etag")!;
      expect((await response.arrayBuffer()).byteLength, url).toBeGreaterThan(100);
      expect((await get(server.url, url, { "if-none-match": etag, "cache-control": "max-age=0" })).status, url).toBe(304);
      // Compressed as the API's answers are.
      expect((await get(server.url, url, { "accept-encoding": "gzip" })).headers.get("content-encoding"), url).toBe("gzip");
    }
  });

  it("answers HEAD with the page's headers and no body", async () => {
    const response = await fetch(`${server.url}/`, { method: "HEAD", headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toBe("");
  });

  it("gives other clients at / a line of text pointing to /graphql", async () => {
    const asked: Record<string, string>[] = [{}, { accept: "*/*" }, { accept: "application/json" }, { accept: "text/plain" }];
    for (const headers of asked) {
      const response = await get(server.url, "/", headers);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(response.headers.get("vary")).toMatch(/\baccept\b/i);
      expect(await response.text()).toContain("/graphql");
    }
  });

  it("is served without a key by a server with READS_REQUIRE_KEY=true (the reader asks for one), while the API wants one", async () => {
    const response = await get(keyed.url, "/article/trump-xi-phone-call-2025-06-05", { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(await page());
    const refused = await keyed.fail("{ articles { totalCount } }");
    expect(refused.extensions?.code).toBe("UNAUTHENTICATED");
    await keyed.ok("{ articles { totalCount } }", {}, keyed.keys.reader);
  });
});

describe("the article page's JavaScript", () => {
  it(`is under ${ARTICLE_JS_BUDGET / 1000} kB gzipped`, () => {
    const sizes = scriptSizes(pageScripts());
    expect(sizes.length).toBeGreaterThan(0);
    const gzipped = sizes.reduce((sum, each) => sum + each.gzipped, 0);
    console.info(`reader: the article page loads ${JSON.stringify(sizes)}: ${gzipped} bytes gzipped in all`);
    expect(gzipped).toBeLessThan(ARTICLE_JS_BUDGET);
  });
});

describe("a server whose reader is not built", () => {
  let base = "";
  let close = () => {};
  const empty = mkdtempSync(join(tmpdir(), "claimgraph-no-reader-"));
  beforeAll(async () => {
    const app = express();
    app.use(reader({ dist: empty }));
    const listening = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => listening.once("listening", resolve));
    base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    close = () => listening.close();
  });
  afterAll(() => {
    close();
    rmSync(empty, { recursive: true, force: true });
  });

  it("says so at /, to a browser too, and answers the reader's routes with 404", async () => {
    const home = await get(base, "/", { accept: BROWSER_ACCEPT });
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await home.text()).toContain("npm run web:build");
    const article = await get(base, "/article/x", { accept: BROWSER_ACCEPT });
    expect(article.status).toBe(404);
    expect(await article.text()).toContain("npm run web:build");
  });
});
