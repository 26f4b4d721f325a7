import { join } from "node:path";

import { Client, cacheExchange, fetchExchange } from "@urql/core";
import { persistedExchange } from "@urql/exchange-persisted";
import type { DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// urql (@urql/core 6) with its default settings: queries go as GET within the
// URL length limit (preferGetMethod: "within-url-limit"), with no
// Content-Type and no preflight header; mutations go as JSON POSTs. Its
// persisted-queries exchange then speaks Apollo's automatic persisted queries,
// and, given the manifest's ids, the PERSISTED_OPERATIONS=only allow-list.

const SLUG = "trump-xi-phone-call-2025-06-05";

const ArticleTitle = graphql(`
  query UrqlArticleTitle($slug: String!) {
    article(slug: $slug) { id title claims(first: 2) { totalCount edges { node { id cue } } } }
  }
`);
const CreateSource = graphql(`
  mutation UrqlCreateSource($input: CreateSourceInput!) {
    createSource(input: $input) { source { id slug } }
  }
`);

type Sent = { method: string; url: string; headers: Headers; body: string | undefined };

/** The fetch urql is given: the real one, noting each request. */
function recordingFetch() {
  const sent: Sent[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    sent.push({ method: init?.method ?? "GET", url: String(input), headers: new Headers(init?.headers), body: init?.body as string | undefined });
    return fetch(input, init);
  };
  return { sent, fetchFn };
}

const searchOf = (request: Sent) => new URL(request.url).searchParams;

describe("urql with its defaults", () => {
  const server = useTestServer();

  it("sends a query as a GET without Content-Type, and gets its data", async () => {
    const { sent, fetchFn } = recordingFetch();
    const urql = new Client({ url: `${server.url}/graphql`, exchanges: [cacheExchange, fetchExchange], fetch: fetchFn });
    const result = await urql.query(ArticleTitle, { slug: SLUG }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.article?.title).toMatch(/Trump/);
    expect(result.data?.article?.claims.edges).toHaveLength(2);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe("GET");
    expect(sent[0]!.headers.get("content-type")).toBeNull();
    expect(searchOf(sent[0]!).get("query")).toMatch(/UrqlArticleTitle/);
  });

  it("sends a mutation as a JSON POST with the key, and reports a refusal with its code", async () => {
    const { sent, fetchFn } = recordingFetch();
    const urql = new Client({
      url: `${server.url}/graphql`,
      exchanges: [cacheExchange, fetchExchange],
      fetch: fetchFn,
      fetchOptions: { headers: { authorization: `Bearer ${server.keys.editor}` } },
    });
    const created = await urql.mutation(CreateSource, { input: { name: "Urql Desk", kind: "ORGANIZATION" } }).toPromise();
    expect(created.error).toBeUndefined();
    expect(created.data?.createSource.source.slug).toBe("urql-desk");
    expect(sent[0]!.method).toBe("POST");
    expect(sent[0]!.headers.get("content-type")).toBe("application/json");

    const anonymous = new Client({ url: `${server.url}/graphql`, exchanges: [cacheExchange, fetchExchange] });
    const refused = await anonymous.mutation(CreateSource, { input: { name: "Urql Anonymous", kind: "ORGANIZATION" } }).toPromise();
    expect(refused.data).toBeNull();
    expect(refused.error?.graphQLErrors[0]?.extensions.code).toBe("UNAUTHENTICATED");
  });

  it("uses automatic persisted queries through @urql/exchange-persisted: a miss, the text once, then the hash alone", async () => {
    const { sent, fetchFn } = recordingFetch();
    const persisted = () => new Client({ url: `${server.url}/graphql`, exchanges: [cacheExchange, persistedExchange(), fetchExchange], fetch: fetchFn });
    const first = await persisted().query(ArticleTitle, { slug: SLUG }).toPromise();
    expect(first.error).toBeUndefined();
    expect(first.data?.article?.title).toMatch(/Trump/);
    // The hash alone (PersistedQueryNotFound), then the text with the hash; both GETs.
    expect(sent.map((r) => [r.method, searchOf(r).has("query"), JSON.parse(searchOf(r).get("extensions")!).persistedQuery.version])).toEqual([
      ["GET", false, 1],
      ["GET", true, 1],
    ]);
    // Another client (another browser): the hash alone is enough now.
    const second = await persisted().query(ArticleTitle, { slug: SLUG }).toPromise();
    expect(second.data).toEqual(first.data);
    expect(sent).toHaveLength(3);
    expect(searchOf(sent[2]!).has("query")).toBe(false);
  });
});

describe("urql against PERSISTED_OPERATIONS=only", () => {
  const server = useTestServer({ PERSISTED_OPERATIONS: "only", PERSISTED_OPERATIONS_FILE: join(import.meta.dirname, "../generated/persisted-documents.json") });
  // The manifest's id for a typed document, which codegen embeds in it; its hex part is the SHA-256 APQ sends.
  const manifestHash = async (_text: string, document: DocumentNode) => (document as DocumentNode & { __meta__?: { hash: string } }).__meta__?.hash.slice(7);

  it("sends the manifest's hashes alone (enforcePersistedQueries), and the server runs them", async () => {
    const { sent, fetchFn } = recordingFetch();
    const urql = new Client({
      url: `${server.url}/graphql`,
      exchanges: [cacheExchange, persistedExchange({ enforcePersistedQueries: true, generateHash: manifestHash }), fetchExchange],
      fetch: fetchFn,
    });
    const result = await urql.query(ArticleTitle, { slug: SLUG }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.article?.title).toMatch(/Trump/);
    expect(sent).toHaveLength(1);
    expect(searchOf(sent[0]!).has("query")).toBe(false);
  });

  it("refuses the same client without the exchange: it sends text", async () => {
    const urql = new Client({ url: `${server.url}/graphql`, exchanges: [cacheExchange, fetchExchange] });
    const result = await urql.query(ArticleTitle, { slug: SLUG }).toPromise();
    expect(result.data).toBeUndefined();
    expect(result.error?.graphQLErrors[0]?.extensions.code).toBe("PERSISTED_QUERY_NOT_ALLOWED");
    expect(result.error?.response?.status).toBe(400);
  });
});
