import { request } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { ASSET_PREFIX, DEFAULT_QUERY, EXAMPLE_QUERY } from "../../src/http/explorer.ts";
import { useTestServer } from "../setup/use.ts";

// GraphiQL on GET /graphql for a browser (tests/browser/explorer.test.ts runs it in Chromium): content
// negotiation against GraphQL over GET, the page's headers and files, and nothing loaded from elsewhere.

const server = useTestServer();

/** What Chromium sends on a navigation. */
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8";
const TITLE = "Trump, US President, and Xi Jinping, Leader of the CCP, Hold Phone Call";
const titleQuery = `/graphql?query=${encodeURIComponent('{ article(slug: "trump-xi-phone-call-2025-06-05") { title } }')}`;

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: "manual" });
/**
 * A revalidation, as a browser sends on reload. (Without a Cache-Control of its own, fetch adds `no-cache` to a
 * conditional request, and a server must then answer in full.)
 */
const revalidate = (path: string, etag: string, headers: Record<string, string> = {}) =>
  get(path, { ...headers, "if-none-match": etag, "cache-control": "max-age=0" });
const page = async () => (await get("/graphql", { accept: BROWSER_ACCEPT })).text();
/** The files the page loads: every src and href in it. */
const assetUrls = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);

describe("GET /graphql in a browser", () => {
  it("is the explorer: an HTML page with a strict Content-Security-Policy, revalidated on each visit", async () => {
    const response = await get("/graphql", { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = response.headers.get("content-security-policy")!;
    const directives = Object.fromEntries(csp.split(/;\s*/).map((directive) => [directive.split(" ")[0], directive]));
    expect(directives["default-src"]).toBe("default-src 'none'");
    // Scripts only from this server (inline styles are allowed: GraphiQL's dialogs add one).
    expect(directives["script-src"]).toBe("script-src 'self'");
    expect(directives["connect-src"]).toBe("connect-src 'self'");
    expect(directives["frame-ancestors"]).toBe("frame-ancestors 'none'");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("vary")).toMatch(/\baccept\b/i);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain('<div id="graphiql">');
    // No inline script: only the JSON data block and files from this server.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(1);
    for (const [, attributes] of scripts) expect(attributes!.includes("src=") || attributes!.includes('type="application/json"'), attributes).toBe(true);
    expect(scripts.filter(([, attributes, body]) => !attributes!.includes("src=") && body!.trim()).map(([, attributes]) => attributes)).toEqual([
      ' type="application/json" id="explorer-config"',
    ]);

    const revalidated = await revalidate("/graphql", response.headers.get("etag")!, { accept: BROWSER_ACCEPT });
    expect(revalidated.status).toBe(304);
  });

  it("loads nothing from elsewhere: every file is this server's, under /explorer/", async () => {
    const html = await page();
    expect(html).not.toMatch(/https?:|\/\/[a-z]/i);
    const urls = assetUrls(html);
    expect(urls.map((url) => url.replace(/\/explorer\/[\w-]+\//, "/explorer/<hash>/")).sort()).toEqual(
      ["explorer.css", "explorer.js", "graphiql.min.css", "graphiql.min.js", "react-dom.production.min.js", "react.production.min.js"].map(
        (name) => `${ASSET_PREFIX}/<hash>/${name}`,
      ),
    );
    // The stylesheets pull in nothing from elsewhere either (graphiql's fonts are embedded as data: URLs).
    for (const url of urls.filter((url) => url.endsWith(".css"))) {
      const css = await (await get(url)).text();
      expect(css, url).not.toMatch(/@import|url\(\s*["']?(?!data:)/);
    }
  });

  it("preloads the README's first example query, on the seed article", async () => {
    const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
    const examples = readme.slice(readme.indexOf("## Example queries"));
    const first = /```graphql\n([\s\S]*?)\n```/.exec(examples)![1];
    expect(EXAMPLE_QUERY).toBe(first);
    const html = await page();
    const config = JSON.parse(/<script type="application\/json" id="explorer-config">([^<]*)<\/script>/.exec(html)![1]!) as { defaultQuery: string };
    expect(config.defaultQuery).toBe(DEFAULT_QUERY);
    expect(config.defaultQuery).toContain(EXAMPLE_QUERY);
    expect(config.defaultQuery).toContain("Authorization");
    // And it runs.
    const { article } = await server.ok<{ article: { title: string; claims: { totalCount: number } } }>(EXAMPLE_QUERY);
    expect(article.title).toBe(TITLE);
  });

  it("serves the page's files with long-lived cache headers, by content hash", async () => {
    for (const url of assetUrls(await page())) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get("content-type"), url).toBe(url.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
      expect(response.headers.get("cache-control"), url).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("x-content-type-options"), url).toBe("nosniff");
      const etag = response.headers.get("etag")!;
      expect(etag, url).toBe(`"${url.split("/")[2]}"`);
      expect((await response.arrayBuffer()).byteLength, url).toBeGreaterThan(100);
      expect((await revalidate(url, etag)).status, url).toBe(304);
    }
  });

  it("answers 404 for a file of another version or one it does not serve", async () => {
    const url = assetUrls(await page()).find((each) => each.endsWith("/graphiql.min.js"))!;
    expect((await get(url.replace(/\/explorer\/[\w-]+\//, "/explorer/0000000000000000/"))).status).toBe(404);
    expect((await get(url.replace("graphiql.min.js", "graphiql.min.js.map"))).status).toBe(404);
    expect((await get(url.replace("graphiql.min.js", "package.json"))).status).toBe(404);
    expect((await get(`${ASSET_PREFIX}/../package.json`)).status).toBe(404);
  });

  it("answers HEAD with the page's headers and no body", async () => {
    const response = await fetch(`${server.url}/graphql`, { method: "HEAD", headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toBe("");
  });

  it("sends a browser from / to /graphql; other clients get a line of text", async () => {
    const browser = await get("/", { accept: BROWSER_ACCEPT });
    expect(browser.status).toBe(302);
    expect(browser.headers.get("location")).toBe("/graphql");
    const script = await get("/");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await script.text()).toContain("/graphql");
  });
});

describe("GET /graphql from a GraphQL client", () => {
  // Apollo's CSRF check wants a preflight header on GETs without a JSON content type; a browser navigation sends none.
  const client = { "apollo-require-preflight": "true" };

  it.each(["application/json", "application/graphql-response+json", "*/*", "application/json, text/html"])("Accept: %s gets GraphQL's JSON", async (accept) => {
    const response = await get(titleQuery, { ...client, accept });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/(graphql-response\+)?json/);
    expect(response.headers.get("vary")).toMatch(/\baccept\b/i);
    expect(await response.json()).toEqual({ data: { article: { title: TITLE } } });
  });

  it("no Accept header at all gets GraphQL's JSON", async () => {
    const { port } = new URL(server.url);
    const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const sent = request({ host: "127.0.0.1", port, path: titleQuery, headers: client }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, type: String(response.headers["content-type"]), body }));
      });
      sent.on("error", reject);
      sent.end();
    });
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^application\/(graphql-response\+)?json/);
    expect(JSON.parse(answer.body)).toEqual({ data: { article: { title: TITLE } } });
  });

  it("a browser's ?query= opens the explorer with it rather than running it", async () => {
    const response = await get(titleQuery, { accept: BROWSER_ACCEPT });
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain('<div id="graphiql">');
  });
});

describe("the explorer with READS_REQUIRE_KEY=true", () => {
  const locked = useTestServer({ READS_REQUIRE_KEY: "true" });

  it("is served without a key (the key goes in its header editor), while the API still wants one", async () => {
    const response = await fetch(`${locked.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="graphiql">');
    const api = await fetch(`${locked.url}${titleQuery}`, { headers: { accept: "application/json", "apollo-require-preflight": "true" } });
    expect(((await api.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
  });
});
