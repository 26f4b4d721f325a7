import { createHash } from "node:crypto";

import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { relayStylePagination } from "@apollo/client/utilities";
import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// Apollo Client 4 (core, no React) with its defaults: an HttpLink that POSTs
// JSON, and an InMemoryCache that normalizes by __typename and id. The typed
// documents come from GraphQL Code Generator (codegen.yml), as in a front end.

const server = useTestServer();
const SLUG = "trump-xi-phone-call-2025-06-05";

graphql(`
  fragment ApolloClaimCard on Claim {
    id
    text
    cue
    claimedAt
    claimant { id name }
  }
`);
const ArticleClaims = graphql(`
  query ApolloArticleClaims($slug: String!, $first: Int!, $after: String) {
    article(slug: $slug) {
      id
      title
      claims(first: $first, after: $after, orderBy: { field: CLAIMED_AT, direction: DESC }) {
        totalCount
        edges { cursor node { ...ApolloClaimCard } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);
const CreateSource = graphql(`
  mutation ApolloCreateSource($input: CreateSourceInput!) {
    createSource(input: $input) { source { id slug name kind } }
  }
`);

function client(headers: Record<string, string> = {}) {
  return new ApolloClient({
    link: new HttpLink({ uri: `${server.url}/graphql`, fetch, headers }),
    cache: new InMemoryCache({
      // Pages of Article.claims merge into one list, by cursor (per filter and order).
      typePolicies: { Article: { fields: { claims: relayStylePagination(["filter", "orderBy"]) } } },
    }),
  });
}

describe("Apollo Client 4", () => {
  it("runs a query with a fragment and a connection, normalizes it, and pages on with the cursor", async () => {
    const apollo = client();
    const first = await apollo.query({ query: ArticleClaims, variables: { slug: SLUG, first: 3 } });
    expect(first.error).toBeUndefined();
    const article = first.data!.article!;
    expect(article.title).toMatch(/Trump/);
    expect(article.claims.edges).toHaveLength(3);
    expect(article.claims.pageInfo.hasNextPage).toBe(true);
    // Apollo adds __typename to every selection; the cache keys objects by it and the global id.
    expect(article.claims.edges[0]!.node).toMatchObject({ __typename: "Claim", claimant: { __typename: "Source" } });
    const cache = apollo.cache.extract() as Record<string, unknown>;
    expect(Object.keys(cache)).toContain(`Article:${article.id}`);
    expect(Object.keys(cache)).toContain(`Claim:${article.claims.edges[0]!.node.id}`);

    // The field's cache key leaves out first/after, so the next page must go to the network (as fetchMore does).
    const next = await apollo.query({
      query: ArticleClaims,
      variables: { slug: SLUG, first: 3, after: article.claims.pageInfo.endCursor },
      fetchPolicy: "network-only",
    });
    expect(next.error).toBeUndefined();
    // relayStylePagination merged the second page after the first: six claims, as one page of six would give.
    const merged = apollo.readQuery({ query: ArticleClaims, variables: { slug: SLUG, first: 3 } })!.article!.claims.edges.map((e) => e.node.id);
    const direct = await server.ok(ArticleClaims, { slug: SLUG, first: 6 });
    expect(merged).toEqual(direct.article!.claims.edges.map((e) => e.node.id));
    expect(new Set(merged).size).toBe(6);
  });

  it("runs a mutation with an editor key, and reports a refusal as GraphQL errors with their codes", async () => {
    const editor = client({ authorization: `Bearer ${server.keys.editor}` });
    const input = { name: "Apollo Client Desk", kind: "ORGANIZATION" as const };
    const { data, error } = await editor.mutate({ mutation: CreateSource, variables: { input } });
    expect(error).toBeUndefined();
    expect(data!.createSource.source).toMatchObject({ __typename: "Source", slug: "apollo-client-desk", name: input.name, kind: "ORGANIZATION" });
    expect(Object.keys(editor.cache.extract() as Record<string, unknown>)).toContain(`Source:${data!.createSource.source.id}`);

    // Without a key: errorPolicy "none" (the default) rejects with the server's errors and codes.
    const refusal = await client()
      .mutate({ mutation: CreateSource, variables: { input: { ...input, name: "Apollo Anonymous" } } })
      .catch((error: unknown) => error);
    expect(CombinedGraphQLErrors.is(refusal)).toBe(true);
    expect((refusal as CombinedGraphQLErrors).errors[0]!.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("uses automatic persisted queries through PersistedQueryLink: the hash alone by GET once the server has the text", async () => {
    const sent: { method: string; hasQuery: boolean }[] = [];
    const recording: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { query?: string }) : {};
      sent.push({ method: init?.method ?? "GET", hasQuery: url.searchParams.has("query") || body.query !== undefined });
      return fetch(input, init);
    };
    const persisted = () =>
      new ApolloClient({
        link: new PersistedQueryLink({ sha256: (text) => createHash("sha256").update(text).digest("hex"), useGETForHashedQueries: true }).concat(
          new HttpLink({ uri: `${server.url}/graphql`, fetch: recording }),
        ),
        cache: new InMemoryCache(),
      });
    const first = await persisted().query({ query: ArticleClaims, variables: { slug: SLUG, first: 2 } });
    expect(first.data!.article!.claims.edges).toHaveLength(2);
    // A miss (the hash alone), then the text with its hash.
    expect(sent).toEqual([
      { method: "GET", hasQuery: false },
      { method: "POST", hasQuery: true },
    ]);
    const second = await persisted().query({ query: ArticleClaims, variables: { slug: SLUG, first: 2 } });
    expect(second.data).toEqual(first.data);
    expect(sent[2]).toEqual({ method: "GET", hasQuery: false });
    expect(sent).toHaveLength(3);
  });
});
