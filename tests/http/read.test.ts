import type { DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import type { ReadAppearancePageQuery, ReadClaimPageQuery } from "../generated/graphql.ts";
import { useTestServer } from "../setup/use.ts";

// Typed documents through graphql() (tests/generated): server.ok returns
// `data` as the document selects it, so tsc checks what the tests read.
// Queries built at run time stay strings. Documents cannot interpolate, so
// they spell out the seeded article's slug.
const SLUG = "trump-xi-phone-call-2025-06-05";
const server = useTestServer();

const errorOf = (query: string | DocumentNode, variables?: Record<string, unknown>) => server.fail(query, variables);

describe("the seeded article over HTTP", () => {
  it("returns at least ten claims with exact spans and their sources", async () => {
    const { article } = await server.ok(
      graphql(`query ReadArticleClaims($slug: String!) { article(slug: $slug) { title body claims(first: 20) { edges { node {
        text cue claimedAt claimant { name kind affiliation { name } } channel { name } reportedBy { name }
        appearances { quote start end }
      } } } } }`),
      { slug: SLUG },
    );
    const claims = article!.claims.edges.map((e) => e.node);
    expect(claims.length).toBeGreaterThanOrEqual(10);
    for (const claim of claims) {
      for (const a of claim.appearances) expect(article!.body.slice(a.start!, a.end!)).toBe(a.quote);
    }
    const greer = claims.find((c) => c.claimant?.name === "Jamieson Greer" && c.cue === "state");
    expect(greer).toMatchObject({
      claimedAt: "2025-05-30T00:00:00.000Z",
      claimant: { kind: "PERSON", affiliation: { name: "United States government" } },
      channel: { name: "CNBC" },
    });
    const bloomberg = claims.find((c) => c.reportedBy?.name === "Bloomberg");
    expect(bloomberg).toMatchObject({ claimant: { name: "Donald Trump" }, cue: "believe" });
  });

  it("lists appearances in text order, each pointing back to article and claim", async () => {
    const { article } = await server.ok(
      graphql(
        `query ReadAppearances { article(slug: "trump-xi-phone-call-2025-06-05") { id body appearances(first: 100) { totalCount edges { node { start end quote article { id } claim { text } } } } } }`,
      ),
    );
    const appearances = article!.appearances.edges.map((e) => e.node);
    expect(appearances).toHaveLength(article!.appearances.totalCount);
    const starts = appearances.map((a) => a.start);
    expect(starts).toEqual([...starts].sort((a, b) => a! - b!));
    for (const a of appearances) {
      expect(a.article!.id).toBe(article!.id);
      expect(article!.body.slice(a.start!, a.end!)).toBe(a.quote);
      expect(a.claim.text.length).toBeGreaterThan(10);
    }
  });

  it("pages an article's appearances forward and backward with cursors, matching the full list", async () => {
    const PAGE = graphql(`query ReadAppearancePage($first: Int, $after: String, $last: Int, $before: String) { article(slug: "trump-xi-phone-call-2025-06-05") {
      appearances(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } } }`);
    const all = (await server.ok(PAGE, { first: 100 })).article!.appearances.edges.map((e) => e.node.id);
    expect(all.length).toBeGreaterThan(10);
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: ReadAppearancePageQuery = await server.ok(PAGE, { first: 4, after });
      const { appearances } = page.article!;
      forward.push(...appearances.edges.map((e) => e.node.id));
      if (!appearances.pageInfo.hasNextPage) break;
      after = appearances.pageInfo.endCursor!;
    }
    expect(forward).toEqual(all);
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: ReadAppearancePageQuery = await server.ok(PAGE, { last: 5, before });
      const { appearances } = page.article!;
      backward.unshift(...appearances.edges.map((e) => e.node.id));
      if (!appearances.pageInfo.hasPreviousPage) break;
      before = appearances.pageInfo.startCursor!;
    }
    expect(backward).toEqual(all);
  });
});

describe("filters", () => {
  it("claims by claimant kind PERSON return only people's claims", async () => {
    const { claims } = await server.ok(
      graphql(`query ReadPeoplesClaims { claims(first: 100, filter: { claimant: { kind: { equals: PERSON } } }) {
      totalCount edges { node { claimant { kind name } } } } }`),
    );
    expect(claims.totalCount).toBeGreaterThanOrEqual(5);
    expect(claims.edges).toHaveLength(claims.totalCount);
    for (const { node } of claims.edges) expect(node.claimant!.kind).toBe("PERSON");
    const { claims: all } = await server.ok(graphql(`query ReadClaimCount { claims(first: 100) { totalCount } }`));
    expect(all.totalCount).toBeGreaterThan(claims.totalCount);
  });

  it("articles with a claim by a given source", async () => {
    const query = graphql(
      `query ReadArticlesByClaimant($slug: String!) { articles(filter: { claim: { claimant: { slug: { equals: $slug } } } }) { totalCount edges { node { slug } } } }`,
    );
    expect((await server.ok(query, { slug: "xinhua" })).articles.edges).toEqual([{ node: { slug: SLUG } }]);
    expect((await server.ok(query, { slug: "cnbc" })).articles.totalCount).toBe(0); // CNBC is a channel, not a claimant
  });

  it("contains is case-insensitive; equals is exact", async () => {
    const { sources } = await server.ok(
      graphql(`query ReadSourcesContaining { sources(filter: { name: { contains: "XINHUA" } }) { edges { node { slug } } } }`),
    );
    expect(sources.edges).toEqual([{ node: { slug: "xinhua" } }]);
    const { sources: exact } = await server.ok(
      graphql(`query ReadSourcesEqual { sources(filter: { name: { equals: "xinhua news agency" } }) { totalCount } }`),
    );
    expect(exact.totalCount).toBe(0);
  });

  it("refuses LIKE wildcards in contains rather than over-matching", async () => {
    for (const [op, value] of [
      ["contains", "%"],
      ["startsWith", "_"],
      ["endsWith", "50%"],
    ]) {
      const error = await errorOf(`query ($v: String) { claims(filter: { text: { ${op}: $v } }) { totalCount } }`, { v: value });
      expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: `filter.text.${op}` });
    }
  });

  it("combines AND / OR / NOT, in-lists, dates and aliases", async () => {
    const { claims } = await server.ok(
      graphql(`query ReadCombinedFilter { claims(first: 100, filter: {
      OR: [{ cue: { in: ["post", "announce"] } }, { claimedAt: { gte: "2025-05-30T00:00:00Z", lt: "2025-05-31T00:00:00Z" } }]
      NOT: { claimant: { alias: { equals: "Greer" } } }
    }) { edges { node { cue claimant { slug } } } } }`),
    );
    const got = claims.edges.map((e) => `${e.node.claimant?.slug}:${e.node.cue}`).sort();
    expect(got).toEqual(["donald-trump:post", "xinhua:announce"]);
  });

  it("filters undated claims with isNull", async () => {
    const { claims } = await server.ok(
      graphql(`query ReadUndatedClaims { claims(first: 100, filter: { claimedAt: { isNull: true } }) { edges { node { claimedAt } } } }`),
    );
    expect(claims.edges.length).toBeGreaterThan(0);
    for (const e of claims.edges) expect(e.node.claimedAt).toBeNull();
  });

  it("rejects filters nested past the limit, naming the path", async () => {
    // Relation chains meet their own, lower limit first (tests/http/filterAbuse.test.ts).
    let filter = '{ name: { contains: "a" } }';
    for (let i = 0; i < 8; i++) filter = `{ NOT: ${filter} }`;
    const error = await errorOf(`{ sources(filter: ${filter}) { totalCount } }`);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: 6 });
    expect(error.extensions!.field).toMatch(/^filter(\.NOT)+$/);
  });

  it("rejects in-lists over the limit", async () => {
    const error = await errorOf(graphql(`query ReadCuesIn($cues: [String!]) { claims(filter: { cue: { in: $cues } }) { totalCount } }`), {
      cues: Array.from({ length: 101 }, (_, i) => `cue${i}`),
    });
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.cue.in", limit: 100 });
  });
});

describe("relations in both directions", () => {
  it("source → claims, reportedClaims, channelClaims, articles, members", async () => {
    const { trump, bloomberg, truth, us } = await server.ok(
      graphql(`query ReadSourceRelations {
      trump: source(slug: "donald-trump") { aliases claims { totalCount edges { node { claimant { slug } } } } articles { edges { node { slug } } } }
      bloomberg: source(slug: "bloomberg") { reportedClaims { edges { node { claimant { slug } } } } articles { totalCount } }
      truth: source(slug: "truth-social") { kind channelClaims { edges { node { cue } } } }
      us: source(slug: "us-government") { members(first: 100) { edges { node { slug affiliation { slug } } } } }
    }`),
    );
    expect(trump!.aliases).toContain("Trump");
    expect(trump!.claims.totalCount).toBe(3);
    for (const e of trump!.claims.edges) expect(e.node.claimant!.slug).toBe("donald-trump");
    expect(trump!.articles.edges).toEqual([{ node: { slug: SLUG } }]);
    expect(bloomberg!.reportedClaims.edges).toEqual([{ node: { claimant: { slug: "donald-trump" } } }]);
    expect(bloomberg!.articles.totalCount).toBe(1);
    expect(truth).toEqual({ kind: "SOCIAL_PLATFORM", channelClaims: { edges: [{ node: { cue: "post" } }] } });
    const members = us!.members.edges.map((e) => e.node.slug).sort();
    expect(members).toEqual(["donald-trump", "jamieson-greer", "pete-hegseth", "us-state-department"]);
  });

  it("claim → articles and appearances → article", async () => {
    const { claims } = await server.ok(
      graphql(`query ReadClaimRelations { claims(first: 1, filter: { cue: { equals: "post" } }) { edges { node {
      id articles { totalCount edges { node { slug claims(filter: { cue: { equals: "post" } }) { edges { node { id } } } } } }
      appearances { kind article { slug } }
    } } } }`),
    );
    const claim = claims.edges[0]?.node;
    if (!claim) throw new Error("expected the claim whose cue is post");
    expect(claim.articles.totalCount).toBe(1);
    expect(claim.articles.edges[0]?.node.slug).toBe(SLUG);
    expect(claim.articles.edges[0]?.node.claims.edges[0]?.node.id).toBe(claim.id);
    expect(claim.appearances).toEqual([{ kind: "DIRECT_QUOTE", article: { slug: SLUG } }]);
  });
});

describe("Relay pagination", () => {
  const page = graphql(`query ReadClaimPage($first: Int, $after: String, $last: Int, $before: String) {
    claims(first: $first, after: $after, last: $last, before: $before, orderBy: { field: CLAIMED_AT, direction: DESC }) {
      totalCount edges { cursor node { id claimedAt } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`);

  it("walks forward and backward over the same order without gaps or repeats", async () => {
    const all = (await server.ok(page, { first: 100 })).claims;
    const ids = all.edges.map((e) => e.node.id);
    expect(ids.length).toBe(all.totalCount);
    // Dated claims newest first, undated ones last.
    const dates = all.edges.map((e) => e.node.claimedAt);
    const firstNull = dates.indexOf(null);
    expect(dates.slice(firstNull).every((d) => d === null)).toBe(true);
    expect(dates.slice(0, firstNull)).toEqual([...dates.slice(0, firstNull)].sort().reverse());

    const forward: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { claims }: ReadClaimPageQuery = await server.ok(page, { first: 5, after });
      forward.push(...claims.edges.map((e) => e.node.id));
      if (!claims.pageInfo.hasNextPage) break;
      after = claims.pageInfo.endCursor!;
    }
    expect(forward).toEqual(ids);

    const backward: string[] = [];
    let before: string | undefined;
    for (;;) {
      const { claims }: ReadClaimPageQuery = await server.ok(page, { last: 4, before });
      backward.unshift(...claims.edges.map((e) => e.node.id));
      if (!claims.pageInfo.hasPreviousPage) break;
      before = claims.pageInfo.startCursor!;
    }
    expect(backward).toEqual(ids);
  });

  it("keeps a cursor valid after rows are inserted before it (keyset, not offset)", async () => {
    const first = (await server.ok(graphql(`query ReadFirstSources { sources(first: 3) { edges { node { slug } } pageInfo { endCursor } } }`))).sources;
    await server.db.source.create({ data: { slug: "aaa-new", name: "AAA New Source", kind: "ORGANIZATION" } });
    const next = (
      await server.ok(graphql(`query ReadSourcesAfter($after: String) { sources(first: 3, after: $after) { edges { node { slug } } } }`), {
        after: first.pageInfo.endCursor,
      })
    ).sources;
    const all = (await server.ok(graphql(`query ReadAllSources { sources(first: 100) { edges { node { slug } } } }`))).sources.edges.map((e) => e.node.slug);
    const third = first.edges[2];
    if (!third) throw new Error("expected three sources on the first page");
    const lastSeen = all.indexOf(third.node.slug);
    expect(next.edges.map((e) => e.node.slug)).toEqual(all.slice(lastSeen + 1, lastSeen + 4));
    await server.db.source.delete({ where: { slug: "aaa-new" } });
  });

  it("rejects first above 100 and below 1 with the limit named", async () => {
    for (const first of [101, 0, -1]) {
      const error = await errorOf(graphql(`query ReadArticlesFirst($first: Int) { articles(first: $first) { totalCount } }`), { first });
      expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first", limit: 100 });
      expect(error.message).toContain("100");
    }
  });

  it("rejects garbage cursors and cursors from another order", async () => {
    expect((await errorOf(graphql(`query ReadGarbageCursor { claims(after: "not-a-cursor") { totalCount } }`))).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
    });
    const { claims } = await server.ok(graphql(`query ReadFirstClaimCursor { claims(first: 1) { pageInfo { endCursor } } }`));
    const error = await errorOf(
      graphql(`query ReadClaimsByCreatedAfter($after: String) { claims(after: $after, orderBy: { field: CREATED_AT }) { totalCount } }`),
      {
        after: claims.pageInfo.endCursor,
      },
    );
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("rejects first together with last", async () => {
    expect((await errorOf(graphql(`query ReadFirstAndLast { claims(first: 1, last: 1) { totalCount } }`))).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
    });
  });

  it("counts only when totalCount is selected", async () => {
    // The planner counts inside its one statement, the resolvers in one more: either way, COUNT appears only when asked.
    let statements: string[] = [];
    server.db.onStatement((sql) => statements.push(sql));
    await server.ok(graphql(`query ReadClaimsWithoutCount { claims(first: 2) { edges { node { id } } } }`));
    expect(statements.filter((sql) => /COUNT\(/i.test(sql))).toEqual([]);
    statements = [];
    const { claims } = await server.ok(graphql(`query ReadClaimsWithCount { claims(first: 2) { totalCount edges { node { id } } } }`));
    expect(statements.filter((sql) => /COUNT\(/i.test(sql))).toHaveLength(1);
    expect(claims.totalCount).toBeGreaterThan(2);
  });
});

describe("global ids and lookups", () => {
  it("node(id) refetches every type", async () => {
    const { article } = await server.ok(
      graphql(
        `query ReadIdsOfEveryType { article(slug: "trump-xi-phone-call-2025-06-05") { id publisher { id } appearances { edges { node { id claim { id claimant { id } } } } } } }`,
      ),
    );
    const appearance = article!.appearances.edges.map((e) => e.node).find((a) => a.claim.claimant)!;
    const ids = [article!.id, appearance.id, appearance.claim.id, appearance.claim.claimant!.id];
    const { nodes } = await server.ok(graphql(`query ReadNodes($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`), { ids });
    expect(nodes.map((n) => n!.__typename)).toEqual(["Article", "Appearance", "Claim", "Source"]);
    expect(nodes.map((n) => n!.id)).toEqual(ids);
    const { node } = await server.ok(graphql(`query ReadArticleNode($id: ID!) { node(id: $id) { ... on Article { slug } } }`), { id: article!.id });
    expect(node).toEqual({ slug: SLUG });
    expect((await server.ok(graphql(`query ReadArticleById($id: ID!) { article(id: $id) { slug } }`), { id: article!.id })).article!.slug).toBe(SLUG);
  });

  it("returns null for an id that does not exist, and BAD_USER_INPUT for a malformed one", async () => {
    const missing = Buffer.from("Claim:does-not-exist").toString("base64url");
    expect(await server.ok(graphql(`query ReadNodeAndClaim($id: ID!) { node(id: $id) { id } claim(id: $id) { id } }`), { id: missing })).toEqual({
      node: null,
      claim: null,
    });
    for (const id of ["%%%", "", Buffer.from("Nope:1").toString("base64url"), Buffer.from("Claim:").toString("base64url")]) {
      expect((await errorOf(graphql(`query ReadNodeId($id: ID!) { node(id: $id) { id } }`), { id })).extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "id",
      });
    }
  });

  it("rejects an id of the wrong type", async () => {
    const { source } = await server.ok(graphql(`query ReadCnbcId { source(slug: "cnbc") { id } }`));
    const error = await errorOf(graphql(`query ReadArticleSlugById($id: ID!) { article(id: $id) { slug } }`), { id: source!.id });
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(error.message).toContain("Source");
  });

  it("article needs exactly one of id or slug", async () => {
    expect((await errorOf(graphql(`query ReadArticleWithoutRef { article { slug } }`))).extensions!.code).toBe("BAD_USER_INPUT");
    expect((await errorOf(graphql(`query ReadArticleWithBothRefs { article(id: "x", slug: "y") { slug } }`))).extensions!.code).toBe("BAD_USER_INPUT");
    expect((await server.ok(graphql(`query ReadMissingArticle { article(slug: "nope") { slug } }`))).article).toBeNull();
  });
});
