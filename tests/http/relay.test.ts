import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// What Relay and normalised caches need beyond the basics: every identifiable
// object a Node (audit events included), edges in mutation payloads to insert
// into cached lists, @oneOf where an input takes exactly one field, and clear
// codes for what /graphql does not run.

const server = useTestServer();
const SEED = "trump-xi-phone-call-2025-06-05";

const CREATE_SOURCE = graphql(`mutation RelayCreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`);
const LATEST_EVENT = graphql(`query RelayLatestEvent { auditEvents(first: 1) { edges { node { id operation keyId } } } }`);
const NODE = graphql(`query RelayNode($id: ID!) { node(id: $id) { __typename id ... on AuditEvent { operation } } }`);
const CREATE_CLAIM = graphql(`mutation RelayCreateClaim($input: CreateClaimInput!) {
  createClaim(input: $input) { claim { id } claimEdge { cursor node { id text } } } }`);
const CLAIMS_AFTER = graphql(`query RelayClaimsAfter($after: String) { claims(first: 100, after: $after) { edges { cursor node { id } } } }`);
const CREATE_ARTICLE = graphql(`mutation RelayCreateArticle($input: CreateArticleInput!) {
  createArticle(input: $input) { article { id } articleEdge { cursor node { id slug } } } }`);
const ARTICLES = graphql(`query RelayArticles { articles(first: 100) { edges { cursor node { id } } } }`);

describe("AuditEvent is a Node", () => {
  it("refetches an event by its global id, for admins only", async () => {
    await server.ok(CREATE_SOURCE, { input: { name: "Relay Desk", kind: "ORGANIZATION" } }, server.keys.editor);
    const { auditEvents } = await server.ok(LATEST_EVENT, {}, server.keys.admin);
    const event = auditEvents.edges[0]!.node;
    expect(event.operation).toBe("createSource");
    const { node } = await server.ok(NODE, { id: event.id }, server.keys.admin);
    expect(node).toEqual({ __typename: "AuditEvent", id: event.id, operation: "createSource" });
    expect((await server.fail(NODE, { id: event.id }, server.keys.editor)).extensions?.code).toBe("FORBIDDEN");
    expect((await server.fail(NODE, { id: event.id })).extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("gives ApiKey and AuditEvent.keyId the ID type, with the ids the keys CLI prints", async () => {
    const { body } = await server.query(`{ k: __type(name: "ApiKey") { fields { name type { ofType { name } } } }
      e: __type(name: "AuditEvent") { interfaces { name } fields { name type { name } } } }`);
    expect(body.data.k.fields.find((f: { name: string }) => f.name === "id").type.ofType.name).toBe("ID");
    expect(body.data.e.interfaces).toEqual([{ name: "Node" }]);
    expect(body.data.e.fields.find((f: { name: string }) => f.name === "keyId").type.name).toBe("ID");
    const { auditEvents } = await server.ok(LATEST_EVENT, {}, server.keys.admin);
    expect(await server.db.apiKey.count({ where: { id: auditEvents.edges[0]!.node.keyId! } })).toBe(1);
  });
});

describe("edges in mutation payloads", () => {
  it("createClaim returns the claim's edge, whose cursor is the one `claims` lists it with", async () => {
    const { createClaim } = await server.ok(
      CREATE_CLAIM,
      {
        input: {
          text: "The call lasted about ninety minutes.",
          cue: "say",
          claimant: { alias: "Relay Reporter", kind: "PERSON" },
          claimedAt: "2025-06-05T12:00:00Z",
          claimedAtPrecision: "DAY",
          appearances: [{ article: { slug: SEED }, quote: "Trump", occurrence: 0, kind: "ASSERTION" }],
        },
      },
      server.keys.editor,
    );
    expect(createClaim.claimEdge.node.id).toBe(createClaim.claim.id);
    const { claims } = await server.ok(CLAIMS_AFTER, {});
    const listed = claims.edges.find((edge) => edge.node.id === createClaim.claim.id);
    expect(listed?.cursor).toBe(createClaim.claimEdge.cursor);
    // And it pages on from there: the claim itself is not after its own cursor.
    const after = await server.ok(CLAIMS_AFTER, { after: createClaim.claimEdge.cursor });
    expect(after.claims.edges.map((edge) => edge.node.id)).not.toContain(createClaim.claim.id);
  });

  it("createArticle returns the article's edge, as `articles` lists it", async () => {
    const { createArticle } = await server.ok(
      CREATE_ARTICLE,
      { input: { slug: "relay-edge", title: "Relay edge", body: "A short body.", publishedAt: "2025-06-06T00:00:00Z" } },
      server.keys.editor,
    );
    expect(createArticle.articleEdge.node).toEqual({ id: createArticle.article.id, slug: "relay-edge" });
    const { articles } = await server.ok(ARTICLES, {});
    expect(articles.edges.find((edge) => edge.node.id === createArticle.article.id)?.cursor).toBe(createArticle.articleEdge.cursor);
  });
});

describe("inputs and operations", () => {
  it("marks ArticleRef @oneOf, so giving both id and slug is refused before anything runs", async () => {
    const { body } = await server.query(`{ __type(name: "ArticleRef") { isOneOf } }`);
    expect(body.data.__type.isOneOf).toBe(true);
    const both = await server.query(
      `mutation ($input: CreateClaimInput!) { createClaim(input: $input) { claim { id } } }`,
      {
        input: {
          text: "x",
          cue: "say",
          claimantDescription: "someone",
          appearances: [{ article: { id: "QXJ0aWNsZTp4", slug: SEED }, quote: "Trump", kind: "ASSERTION" }],
        },
      },
      { authorization: `Bearer ${server.keys.editor}` },
    );
    expect(both.status).toBe(400);
    expect(both.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(both.body.errors?.[0]?.message).toMatch(/exactly one key/i);
  });

  it("refuses a subscription over HTTP with OPERATION_NOT_SUPPORTED, not an internal error", async () => {
    const { status, body } = await server.query(`subscription { articles { totalCount } }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("OPERATION_NOT_SUPPORTED");
    expect(body.data).toBeUndefined();
  });
});
