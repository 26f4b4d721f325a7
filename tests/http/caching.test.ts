import { request as httpRequest } from "node:http";
import { gunzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { loadConfig } from "../../src/config.ts";
import { useTestServer } from "../setup/use.ts";

// HTTP caching and the headers front ends read: Cache-Control by who asks and
// how, strong ETags with 304, HEAD, compression, Vary, CORS-exposed headers,
// RateLimit fields, and GET queries without any preflight header (urql's default).

const QUERY = `{ article(slug: "trump-xi-phone-call-2025-06-05") { title claims(first: 5) { edges { node { text } } } } }`;
const ORIGIN = "https://reader.example";

const server = useTestServer({ CORS_ORIGINS: ORIGIN, CACHE_MAX_AGE: "5", CACHE_S_MAXAGE: "120", CACHE_STALE_WHILE_REVALIDATE: "40" });

const getUrl = (query: string) => `${server.url}/graphql?query=${encodeURIComponent(query)}`;
const get = (query: string, headers: Record<string, string> = {}) => fetch(getUrl(query), { headers: { accept: "application/json", ...headers } });

/** A raw GET, so that compression is seen as sent (fetch would decompress). */
function rawGet(query: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(getUrl(query), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("Cache-Control", () => {
  it("lets shared caches keep an anonymous GET read, as configured", async () => {
    const response = await get(QUERY);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=5, s-maxage=120, stale-while-revalidate=40");
    expect(response.headers.get("vary")).toMatch(/Accept\b.*Authorization/);
  });

  it("keeps reads with a key private and out of every cache", async () => {
    const response = await get(QUERY, { authorization: `Bearer ${server.keys.reader}` });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("stores no POST, no mutation and no error", async () => {
    const post = await server.query(QUERY);
    expect(post.headers.get("cache-control")).toBe("no-store");
    const mutation = await server.query(
      `mutation { deleteArticle(id: "QXJ0aWNsZTpub25l") { deletedAppearanceIds } }`,
      {},
      { authorization: `Bearer ${server.keys.editor}` },
    );
    expect(mutation.headers.get("cache-control")).toBe("no-store");
    const failed = await get(`{ article(slug: "x") { nope } }`);
    expect(failed.status).toBe(400);
    expect(failed.headers.get("cache-control")).not.toMatch(/public/);
  });
});

describe("validators and methods", () => {
  it("gives a strong ETag and answers If-None-Match with 304 and no body", async () => {
    const first = await get(QUERY);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);
    // Raw requests: fetch adds Cache-Control: no-cache to a conditional request, which rightly forbids a 304.
    const again = await rawGet(QUERY, { accept: "application/json", "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const other = await rawGet(`{ articles(first: 1) { totalCount } }`, { accept: "application/json", "if-none-match": etag! });
    expect(other.status).toBe(200);
  });

  it("answers HEAD like GET, without the body", async () => {
    const got = await get(QUERY);
    const head = await fetch(getUrl(QUERY), { method: "HEAD", headers: { accept: "application/json" } });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(got.headers.get("etag"));
    expect(await head.text()).toBe("");
  });

  it("compresses for clients that accept gzip, and the bytes are the same answer", async () => {
    // Above the 1 kB threshold (smaller answers go as they are).
    const large = `{ articles(first: 5) { edges { node { title summary claims(first: 10) { edges { node { text cue } } } } } } }`;
    const plain = await rawGet(large, { accept: "application/json" });
    const zipped = await rawGet(large, { accept: "application/json", "accept-encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.body.length).toBeLessThan(plain.body.length);
    expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
  });
});

describe("clients with their defaults", () => {
  it("serves a GET query with no content type and no preflight header (urql)", async () => {
    const response = await fetch(getUrl(QUERY));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: { article?: { title?: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.article?.title).toContain("Trump");
  });

  it("runs no mutation over GET", async () => {
    const response = await get(`mutation { deleteArticle(id: "QXJ0aWNsZTpub25l") { deletedAppearanceIds } }`, {
      authorization: `Bearer ${server.keys.editor}`,
    });
    expect(response.status).toBe(405);
  });

  it("refuses a form POST, which a page elsewhere could send without a preflight, and runs nothing", async () => {
    const before = await server.db.auditEvent.count();
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${server.keys.editor}` },
      body: `query=${encodeURIComponent(`mutation { createSource(input: { name: "Forged" }) { source { id } } }`)}`,
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("BAD_REQUEST");
    expect(await server.db.auditEvent.count()).toBe(before);
  });
});

describe("headers scripts may read", () => {
  it("exposes ETag, X-Request-Id and the rate-limit fields to allowed origins", async () => {
    const response = await get(QUERY, { origin: ORIGIN });
    expect(response.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const exposed = (response.headers.get("access-control-expose-headers") ?? "").split(/,\s*/).map((h) => h.toLowerCase());
    expect(exposed).toEqual(expect.arrayContaining(["etag", "x-request-id", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"]));
  });

  it("sends RateLimit-Limit, -Remaining and -Reset on every answer", async () => {
    const response = await get(QUERY);
    expect(Number(response.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
    expect(Number(response.headers.get("ratelimit-remaining"))).toBeGreaterThanOrEqual(0);
    const reset = Number(response.headers.get("ratelimit-reset"));
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(60);
  });
});

describe("rate-limit headers on 429", () => {
  const limited = useTestServer({ RATE_LIMIT_PER_IP: "2" });

  it("says when to come back, in Retry-After and RateLimit-Reset", async () => {
    let response = await fetch(`${limited.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
    for (let i = 0; i < 3 && response.status !== 429; i++) response = await fetch(`${limited.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
    expect(response.status).toBe(429);
    expect(response.headers.get("ratelimit-limit")).toBe("2");
    expect(response.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(response.headers.get("ratelimit-reset")).toBe(response.headers.get("retry-after"));
  });
});

describe("cache settings", () => {
  it("refuses a negative or fractional number of seconds at start-up, naming the variable", () => {
    expect(() => loadConfig({ CACHE_MAX_AGE: "-1" })).toThrow(/CACHE_MAX_AGE/);
    expect(() => loadConfig({ CACHE_S_MAXAGE: "1.5" })).toThrow(/CACHE_S_MAXAGE/);
    expect(() => loadConfig({ CACHE_STALE_WHILE_REVALIDATE: "soon" })).toThrow(/CACHE_STALE_WHILE_REVALIDATE/);
  });
});
