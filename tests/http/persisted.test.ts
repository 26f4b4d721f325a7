import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { getIntrospectionQuery, print, type DocumentNode } from "graphql";
import { afterAll, describe, expect, it } from "vitest";

import { loadConfig } from "../../src/config.ts";
import { graphql } from "../generated/gql.ts";
import { bearer } from "../setup/keys.ts";
import { useTestServer } from "../setup/use.ts";

// Persisted operations over HTTP. With PERSISTED_OPERATIONS=off (the default)
// any document runs and Apollo's automatic persisted queries (APQ) are on;
// with `only`, the server runs just the operations of the manifest that
// `npm run codegen` writes (tests/generated/persisted-documents.json), by id.

const MANIFEST = join(import.meta.dirname, "../generated/persisted-documents.json");
const SLUG = "trump-xi-phone-call-2025-06-05";

const ArticleTitle = graphql(`
  query PersistedArticleTitle($slug: String!) {
    article(slug: $slug) {
      title
      claims(first: 2) { totalCount edges { node { id cue } } }
    }
  }
`);
const CreateSource = graphql(`
  mutation PersistedCreateSource($input: CreateSourceInput!) {
    createSource(input: $input) { source { slug name } }
  }
`);

/** The manifest id codegen embedded in a typed document ("sha256:<hex>"). */
const idOf = (document: DocumentNode) => (document as DocumentNode & { __meta__: { hash: string } }).__meta__.hash;
const hexOf = (document: DocumentNode) => idOf(document).slice("sha256:".length);
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const manifest = () => JSON.parse(readFileSync(MANIFEST, "utf8")) as Record<string, string>;

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
}

async function get(url: string, params: Record<string, unknown>) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) search.set(name, typeof value === "string" ? value : JSON.stringify(value));
  const response = await fetch(`${url}/graphql?${search}`);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
}

const apq = (hash: string, version: unknown = 1) => ({ persistedQuery: { version, sha256Hash: hash } });
const codeOf = (body: Body) => body.errors?.[0]?.extensions?.code;

describe("PERSISTED_OPERATIONS=off (the default): automatic persisted queries", () => {
  const server = useTestServer();
  const text = `query ApqTitle($slug: String!) { article(slug: $slug) { title } }`;
  const hash = sha256(text);

  it("answers an unknown hash with Apollo's PERSISTED_QUERY_NOT_FOUND, then runs it by hash once the text came with it", async () => {
    const miss = await post(server.url, { extensions: apq(hash), variables: { slug: SLUG } });
    expect(miss.status).toBe(200);
    expect(miss.body.errors).toEqual([{ message: "PersistedQueryNotFound", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }]);

    const register = await post(server.url, { query: text, extensions: apq(hash), variables: { slug: SLUG } });
    expect(register.body.errors).toBeUndefined();
    const title = (register.body.data!.article as { title: string }).title;
    expect(title).toMatch(/Trump/);

    const byPost = await post(server.url, { extensions: apq(hash), variables: { slug: SLUG } });
    expect(byPost.body).toEqual({ data: { article: { title } } });
    // GET by hash, as urql's persisted exchange sends it: cacheable, like any anonymous GET read.
    const byGet = await get(server.url, { extensions: apq(hash), variables: { slug: SLUG } });
    expect(byGet.status).toBe(200);
    expect(byGet.body).toEqual({ data: { article: { title } } });
    expect(byGet.headers.get("cache-control")).toMatch(/^public/);
  });

  it("refuses a hash that is not the SHA-256 of the text with PERSISTED_QUERY_HASH_MISMATCH (400), not a masked internal error", async () => {
    for (const send of [
      () => post(server.url, { query: text, extensions: apq(sha256("something else")), variables: { slug: SLUG } }),
      () => get(server.url, { query: text, extensions: apq(sha256("something else")), variables: { slug: SLUG } }),
    ]) {
      const { status, body, headers } = await send();
      expect(status).toBe(400);
      expect(codeOf(body)).toBe("PERSISTED_QUERY_HASH_MISMATCH");
      expect(body.errors![0]!.message).toMatch(/not the SHA-256 of the query text/);
      expect(body.errors![0]!.extensions!.requestId).toBe(headers.get("x-request-id"));
      expect(headers.get("cache-control")).toBe("no-store");
    }
    // Nothing was stored under the wrong hash.
    expect(codeOf((await post(server.url, { extensions: apq(sha256("something else")) })).body)).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("refuses another APQ version and a malformed hash with BAD_REQUEST (400)", async () => {
    const version = await post(server.url, { query: text, extensions: apq(hash, 2), variables: { slug: SLUG } });
    expect([version.status, codeOf(version.body)]).toEqual([400, "BAD_REQUEST"]);
    expect(version.body.errors![0]!.message).toMatch(/version must be 1/);
    for (const bad of [hash.toUpperCase(), "abc", 42]) {
      const { status, body } = await post(server.url, { query: text, extensions: { persistedQuery: { version: 1, sha256Hash: bad } } });
      expect([status, codeOf(body)]).toEqual([400, "BAD_REQUEST"]);
    }
  });

  it("says that documentId needs PERSISTED_OPERATIONS=only, and still runs any text", async () => {
    const { status, body } = await post(server.url, { documentId: idOf(ArticleTitle), variables: { slug: SLUG } });
    expect([status, codeOf(body)]).toEqual([400, "BAD_REQUEST"]);
    expect(body.errors![0]!.message).toMatch(/PERSISTED_OPERATIONS=only/);
    expect((await server.ok(ArticleTitle, { slug: SLUG })).article?.title).toMatch(/Trump/);
  });
});

describe("PERSISTED_OPERATIONS=only: the manifest's operations, by id", () => {
  const server = useTestServer({ PERSISTED_OPERATIONS: "only", PERSISTED_OPERATIONS_FILE: MANIFEST });

  it("the manifest codegen wrote lists this file's operations under their embedded ids", () => {
    const listed = manifest();
    expect(listed[idOf(ArticleTitle)]).toMatch(/^query PersistedArticleTitle/);
    expect(listed[idOf(CreateSource)]).toMatch(/^mutation PersistedCreateSource/);
    expect(sha256(listed[idOf(ArticleTitle)]!)).toBe(hexOf(ArticleTitle));
  });

  it("runs a listed query by documentId (POST and GET) and by extensions.persistedQuery.sha256Hash, as the text would", async () => {
    const variables = { slug: SLUG };
    const byDocumentId = await post(server.url, { documentId: idOf(ArticleTitle), variables });
    expect(byDocumentId.status).toBe(200);
    expect(byDocumentId.body.errors).toBeUndefined();
    const article = byDocumentId.body.data?.article as { title: string; claims: { totalCount: number; edges: unknown[] } };
    expect(article.title).toMatch(/Trump/);
    expect(article.claims.edges).toHaveLength(2);

    expect((await post(server.url, { extensions: apq(hexOf(ArticleTitle)), variables })).body).toEqual(byDocumentId.body);
    const byGet = await get(server.url, { documentId: idOf(ArticleTitle), variables });
    expect(byGet.body).toEqual(byDocumentId.body);
    expect(byGet.headers.get("cache-control")).toMatch(/^public/);
    expect((await get(server.url, { extensions: apq(hexOf(ArticleTitle)), variables })).body).toEqual(byDocumentId.body);
    // The listed text itself may come along with its id.
    expect((await post(server.url, { documentId: idOf(ArticleTitle), query: manifest()[idOf(ArticleTitle)], variables })).body).toEqual(byDocumentId.body);
  });

  it("runs a listed mutation by id, with its key, and only over POST", async () => {
    const variables = { input: { name: "Persisted Desk", kind: "ORGANIZATION" } };
    const { status, body } = await post(server.url, { documentId: idOf(CreateSource), variables }, bearer(server.keys.editor));
    expect([status, body]).toEqual([200, { data: { createSource: { source: { slug: "persisted-desk", name: "Persisted Desk" } } } }]);
    const unauthenticated = await post(server.url, { documentId: idOf(CreateSource), variables });
    expect(codeOf(unauthenticated.body)).toBe("UNAUTHENTICATED");
    const overGet = await get(server.url, { documentId: idOf(CreateSource), variables });
    expect(overGet.status).toBe(405);
  });

  it("refuses any document sent as text, listed or not, introspection included, with PERSISTED_QUERY_NOT_ALLOWED (400)", async () => {
    const texts = [print(ArticleTitle), manifest()[idOf(ArticleTitle)]!, "{ __typename }", getIntrospectionQuery(), `{ __schema { types { name } } }`];
    for (const query of texts) {
      for (const send of [() => post(server.url, { query, variables: { slug: SLUG } }), () => get(server.url, { query, variables: { slug: SLUG } })]) {
        const { status, body, headers } = await send();
        expect(status, query.slice(0, 40)).toBe(400);
        expect(body.data).toBeUndefined();
        expect(codeOf(body)).toBe("PERSISTED_QUERY_NOT_ALLOWED");
        expect(body.errors![0]!.message).toMatch(/runs only its persisted operations/);
        expect(headers.get("cache-control")).toBe("no-store");
      }
    }
    // A key changes nothing: an admin's ad-hoc query is refused too.
    const admin = await post(server.url, { query: "{ __typename }" }, bearer(server.keys.admin));
    expect([admin.status, codeOf(admin.body)]).toEqual([400, "PERSISTED_QUERY_NOT_ALLOWED"]);
    // The media type follows Accept, as Apollo's answers do.
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
  });

  it("refuses an unlisted id with PERSISTED_QUERY_NOT_FOUND (400), and an APQ registration cannot add one", async () => {
    const text = "{ __typename }";
    for (const body of [{ documentId: "sha256:0000" }, { documentId: `sha256:${sha256(text)}` }, { documentId: "nope" }, { extensions: apq(sha256(text)) }]) {
      const answer = await post(server.url, body);
      expect([answer.status, codeOf(answer.body)], JSON.stringify(body)).toEqual([400, "PERSISTED_QUERY_NOT_FOUND"]);
      expect(answer.body.errors![0]!.message).toMatch(/allow-list/);
    }
    // What an APQ client does next: the text with its hash. Refused, and nothing is registered.
    const register = await post(server.url, { query: text, extensions: apq(sha256(text)) });
    expect([register.status, codeOf(register.body)]).toEqual([400, "PERSISTED_QUERY_NOT_ALLOWED"]);
    expect(codeOf((await post(server.url, { extensions: apq(sha256(text)) })).body)).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("refuses a listed id sent with some other text, and a hash that does not match its text", async () => {
    const other = "{ __typename }";
    const withOther = await post(server.url, { documentId: idOf(ArticleTitle), query: other, variables: { slug: SLUG } });
    expect([withOther.status, codeOf(withOther.body)]).toEqual([400, "PERSISTED_QUERY_NOT_ALLOWED"]);
    const mismatch = await post(server.url, { query: other, extensions: apq(hexOf(ArticleTitle)), variables: { slug: SLUG } });
    expect([mismatch.status, codeOf(mismatch.body)]).toEqual([400, "PERSISTED_QUERY_HASH_MISMATCH"]);
  });

  it("still checks the listed operation's variables, limits and keys as for any request", async () => {
    const { status, body } = await post(server.url, { documentId: idOf(ArticleTitle), variables: { slug: 42 } });
    expect(status).toBe(400);
    expect(codeOf(body)).toBe("BAD_USER_INPUT");
    const badKey = await post(server.url, { documentId: idOf(ArticleTitle), variables: { slug: SLUG } }, bearer("cg_not-a-key"));
    expect(codeOf(badKey.body)).toBe("UNAUTHENTICATED");
  });
});

describe("PERSISTED_OPERATIONS and PERSISTED_OPERATIONS_FILE at start-up", () => {
  const dir = mkdtempSync(join(tmpdir(), "claimgraph-persisted-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const load = (env: Record<string, string>) => () => loadConfig({ DATABASE_URL: "file:./x.db", ...env });
  const only = (path: string) => load({ PERSISTED_OPERATIONS: "only", PERSISTED_OPERATIONS_FILE: path });

  it("defaults to off, and loads a manifest in only mode", () => {
    expect(load({})().persisted).toEqual({ mode: "off" });
    const config = only(MANIFEST)();
    expect(config.persisted.mode).toBe("only");
    if (config.persisted.mode === "only") expect(config.persisted.byId.size).toBe(Object.keys(manifest()).length);
    // Ids other than sha256: ones are opaque (a Relay or hand-written manifest); the text still runs by its SHA-256.
    const opaque = only(file("opaque.json", JSON.stringify({ ArticleTitle: "{ __typename }" })))().persisted;
    expect(opaque.mode === "only" && opaque.bySha256.get(sha256("{ __typename }"))).toBe("{ __typename }");
  });

  it("stops with a message naming the variable for every bad setting", () => {
    const text = "{ __typename }";
    const cases: [() => unknown, RegExp][] = [
      [load({ PERSISTED_OPERATIONS: "allow" }), /^PERSISTED_OPERATIONS must be off or only, got "allow"/],
      [load({ PERSISTED_OPERATIONS: "only" }), /^PERSISTED_OPERATIONS=only needs PERSISTED_OPERATIONS_FILE/],
      [load({ PERSISTED_OPERATIONS_FILE: MANIFEST }), /^PERSISTED_OPERATIONS_FILE is set but PERSISTED_OPERATIONS is off/],
      [only(join(dir, "missing.json")), /^PERSISTED_OPERATIONS_FILE \(.*missing\.json\): cannot be read: ENOENT/],
      [only(dir), /^PERSISTED_OPERATIONS_FILE .*: cannot be read: EISDIR/],
      [only(file("bad.json", "{ not json")), /^PERSISTED_OPERATIONS_FILE .*: is not JSON/],
      [only(file("array.json", JSON.stringify([text]))), /^PERSISTED_OPERATIONS_FILE .*: must be a JSON object of operation ids/],
      [only(file("number.json", JSON.stringify({ a: 1 }))), /the entry "a" must be the document's text/],
      [only(file("unparsable.json", JSON.stringify({ a: "query {" }))), /the entry "a" does not parse: Syntax Error/],
      [
        only(file("wrong-id.json", JSON.stringify({ [`sha256:${sha256("x")}`]: text }))),
        /the id "sha256:[0-9a-f]+" is not "sha256:" and the SHA-256 of its text/,
      ],
      [only(file("empty.json", "{}")), /^PERSISTED_OPERATIONS_FILE .*: lists no operations/],
    ];
    for (const [run, message] of cases) expect(run).toThrow(message);
  });
});
