import type { DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { bearer } from "../setup/keys.ts";
import { useTestServer } from "../setup/use.ts";

// Typed documents through graphql() (tests/generated): server.ok checks the
// variables and returns `data` as the document selects it; the failing cases
// send their wrong variables unchecked.
const server = useTestServer();
const keys = server.keys;

const as = (key: string) => ({
  error: (query: string | DocumentNode, variables: Record<string, unknown> = {}) => server.fail(query, variables, key),
});

const CREATE = graphql(`mutation ArticleWritesCreate($input: CreateArticleInput!) { createArticle(input: $input) { article {
  id slug version body publisher { slug } authors { slug }
  claims(first: 100) { totalCount edges { node { id text cue claimant { slug name kind } channel { slug } reportedBy { slug }
    appearances { id quote start end kind status } } } }
} } }`);

const BODY =
  'Reuters reported that the minister said the plan "will work". Later, the minister said the plan "will work" again. ' + "According to Xinhua, talks resumed.";

const counts = async () => ({
  articles: await server.db.article.count(),
  claims: await server.db.claim.count(),
  sources: await server.db.source.count(),
  appearances: await server.db.appearance.count(),
  audit: await server.db.auditEvent.count(),
});

describe("createArticle", () => {
  it("writes nested claims by quote, connecting sources by alias and creating new ones", async () => {
    const { createArticle } = await server.ok(
      CREATE,
      {
        input: {
          slug: "minister-plan",
          title: "The minister's plan",
          body: BODY,
          language: "en-GB",
          publishedAt: "2025-06-10T12:00:00Z",
          url: "https://news.example.org/minister-plan",
          publisher: { alias: "bloomberg news" },
          authors: [{ alias: "Jane Reporter", kind: "PERSON" }],
          claims: [
            {
              text: "The minister said the plan will work.",
              cue: "say",
              claimant: { alias: "The Minister", kind: "PERSON", role: "Minister of Plans" },
              reportedBy: { alias: "Reuters", kind: "NEWS_AGENCY" },
              claimedAt: "2025-06-09T00:00:00Z",
              claimedAtPrecision: "DAY",
              appearances: [
                { quote: 'the minister said the plan "will work"', occurrence: 0, kind: "REPORTED_SPEECH" },
                { quote: '"will work"', occurrence: 1, kind: "DIRECT_QUOTE" },
              ],
            },
            {
              text: "Xinhua said talks resumed.",
              cue: "report",
              claimant: { alias: "XINHUA" },
              appearances: [{ quote: "According to Xinhua, talks resumed.", kind: "REPORTED_SPEECH" }],
            },
          ],
        },
      },
      keys.editor,
    );
    const article = createArticle.article;
    expect(article).toMatchObject({ slug: "minister-plan", version: 1, publisher: { slug: "bloomberg" }, authors: [{ slug: "jane-reporter" }] });
    expect(article.claims.totalCount).toBe(2);
    const claims = article.claims.edges.map((e) => e.node);
    const minister = claims.find((c) => c.cue === "say")!;
    expect(minister.claimant).toEqual({ slug: "the-minister", name: "The Minister", kind: "PERSON" });
    expect(minister.reportedBy!.slug).toBe("reuters");
    const xinhua = claims.find((c) => c.cue === "report")!;
    expect(xinhua.claimant!.slug).toBe("xinhua"); // connected by alias, case-insensitively
    for (const claim of claims) {
      for (const a of claim.appearances) {
        expect(a.status).toBe("ANCHORED");
        expect(article.body.slice(a.start!, a.end!)).toBe(a.quote);
      }
    }
    // occurrence 1 is the second "will work".
    const second = minister.appearances.find((a) => a.kind === "DIRECT_QUOTE")!;
    expect(second.start).toBe(BODY.indexOf('"will work"', BODY.indexOf('"will work"') + 1));
    // The new source got its role, and its name as an alias.
    const { source } = await server.ok(graphql(`query ArticleWritesNewSource { source(slug: "the-minister") { role aliases } }`), {}, keys.reader);
    expect(source).toEqual({ role: "Minister of Plans", aliases: ["The Minister"] });
  });

  it("leaves nothing behind when the 5th claim fails", async () => {
    const before = await counts();
    const claims = [0, 1, 2, 3].map((i) => ({
      text: `Claim number ${i}.`,
      cue: "say",
      claimant: { alias: `Rollback Person ${i}`, kind: "PERSON" },
      appearances: [{ quote: `Sentence ${i}.`, kind: "ASSERTION" }],
    }));
    claims.push({ ...claims[0]!, text: "Bad claim.", appearances: [{ quote: "Not in the body.", kind: "ASSERTION" }] });
    const error = await as(keys.editor).error(CREATE, {
      input: { slug: "rollback", title: "Rollback", body: "Sentence 0. Sentence 1. Sentence 2. Sentence 3.", claims },
    });
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "claims[4].appearances[0].quote" });
    expect(await counts()).toEqual(before);
    expect(await server.db.source.findMany({ where: { name: { startsWith: "Rollback Person" } } })).toEqual([]);
  });

  it("names the field of every validation error", async () => {
    const base = { slug: "valid-slug", title: "T", body: "Body text." };
    const cases: [Record<string, unknown>, string][] = [
      [{ slug: "Not A Slug" }, "slug"],
      [{ title: "   " }, "title"],
      [{ title: "x".repeat(501) }, "title"],
      [{ language: "english please" }, "language"],
      [{ publishedAt: "2999-01-01T00:00:00Z" }, "publishedAt"],
      [{ publishedAt: "0500-01-01T00:00:00Z" }, "publishedAt"],
      [{ authors: [{ alias: "" }] }, "authors[0].alias"],
      [{ publisher: { slug: "BAD SLUG" } }, "publisher.slug"],
      [{ claims: [{ text: "", cue: "say", claimantDescription: "x", appearances: [{ quote: "Body", kind: "ASSERTION" }] }] }, "claims[0].text"],
      [{ claims: [{ text: "T", cue: "say", claimantDescription: "x", appearances: [] }] }, "claims[0].appearances"],
      [
        { claims: [{ text: "T", cue: "say", claimantDescription: "x", appearances: [{ quote: "Body", kind: "ASSERTION", occurrence: -1 }] }] },
        "claims[0].appearances[0].occurrence",
      ],
      [{ claims: [{ text: "T", cue: "say", appearances: [{ quote: "Body", kind: "ASSERTION" }] }] }, "claims[0].claimant"],
      [
        {
          claims: [{ text: "T", cue: "say", claimantDescription: "x", claimedAt: "2025-01-01T00:00:00Z", appearances: [{ quote: "Body", kind: "ASSERTION" }] }],
        },
        "claims[0].claimedAtPrecision",
      ],
      [
        { claims: [{ text: "T", cue: "say", claimantDescription: "x", appearances: [{ quote: "Body", kind: "ASSERTION", start: 0, end: 3 }] }] },
        "claims[0].appearances[0].quote",
      ],
      [
        { claims: [{ text: "T", cue: "say", claimant: { alias: "Nobody Known" }, appearances: [{ quote: "Body", kind: "ASSERTION" }] }] },
        "claims[0].claimant.kind",
      ],
      [
        { claims: [{ text: "T", cue: "say", claimant: { slug: "no-such-source" }, appearances: [{ quote: "Body", kind: "ASSERTION" }] }] },
        "claims[0].claimant.slug",
      ],
      [
        { claims: [{ text: "T", cue: "say", claimant: { slug: "cnbc", alias: "CNBC" }, appearances: [{ quote: "Body", kind: "ASSERTION" }] }] },
        "claims[0].claimant",
      ],
      [{ slug: "trump-xi-phone-call-2025-06-05" }, "slug"],
    ];
    for (const [change, field] of cases) {
      const error = await as(keys.editor).error(CREATE, { input: { ...base, ...change } });
      expect(error.extensions?.field, JSON.stringify(change)).toBe(field);
      expect(["BAD_USER_INPUT", "NOT_FOUND"]).toContain(error.extensions?.code);
    }
  });

  it("refuses an alias that matches several sources, listing them", async () => {
    await server.ok(
      graphql(`mutation ArticleWritesAcmeCorp { createSource(input: { name: "Acme Corp", kind: ORGANIZATION, aliases: ["Acme"] }) { source { id } } }`),
      {},
      keys.editor,
    );
    await server.ok(
      graphql(`mutation ArticleWritesAcmeFoods { createSource(input: { name: "Acme Foods", kind: ORGANIZATION, aliases: ["acme"] }) { source { id } } }`),
      {},
      keys.editor,
    );
    const error = await as(keys.editor).error(CREATE, {
      input: {
        slug: "acme",
        title: "Acme",
        body: "Acme said so.",
        claims: [{ text: "Acme said so.", cue: "say", claimant: { alias: "ACME" }, appearances: [{ quote: "Acme said so.", kind: "ASSERTION" }] }],
      },
    });
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "claims[0].claimant.alias" });
    expect((error.extensions!.candidates as { slug: string }[]).map((c) => c.slug).sort()).toEqual(["acme-corp", "acme-foods"]);
  });

  it("asks for an occurrence when a quote repeats", async () => {
    const error = await as(keys.editor).error(CREATE, {
      input: {
        slug: "repeat",
        title: "R",
        body: "yes yes",
        claims: [{ text: "Yes.", cue: "say", claimantDescription: "someone", appearances: [{ quote: "yes", kind: "ASSERTION" }] }],
      },
    });
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "claims[0].appearances[0].occurrence" });
    expect(error.message).toContain("2 times");
  });
});

describe("updateArticle", () => {
  const UPDATE = graphql(`mutation ArticleWritesUpdate($input: UpdateArticleInput!) { updateArticle(input: $input) {
    article { version body appearances(first: 100) { edges { node { quote start end status } } } }
    reanchoredAppearances { quote start } staleAppearances { quote status start end } } }`);

  async function fresh(slug: string) {
    const { createArticle } = await server.ok(
      CREATE,
      {
        input: {
          slug,
          title: "Edit me",
          body: "First, Ann said A. Then Bob said B.",
          claims: [
            { text: "Ann said A.", cue: "say", claimantDescription: "Ann", appearances: [{ quote: "Ann said A.", kind: "ASSERTION" }] },
            { text: "Bob said B.", cue: "say", claimantDescription: "Bob", appearances: [{ quote: "Bob said B.", kind: "ASSERTION" }] },
          ],
        },
      },
      keys.editor,
    );
    return createArticle.article;
  }

  it("re-anchors spans after a body edit and reports quotes that are gone as STALE", async () => {
    const article = await fresh("edit-body");
    const { updateArticle } = await server.ok(
      UPDATE,
      {
        input: { id: article.id, version: 1, body: "Breaking: at first, Ann said A. Later Carl spoke." },
      },
      keys.editor,
    );
    const body = updateArticle.article.body;
    expect(updateArticle.article.version).toBe(2);
    expect(updateArticle.reanchoredAppearances).toEqual([{ quote: "Ann said A.", start: body.indexOf("Ann said A.") }]);
    // A stale appearance keeps its old offsets.
    const oldStart = "First, Ann said A. Then Bob said B.".indexOf("Bob said B.");
    expect(updateArticle.staleAppearances).toEqual([{ quote: "Bob said B.", status: "STALE", start: oldStart, end: oldStart + 11 }]);
    for (const { node: a } of updateArticle.article.appearances.edges) {
      if (a.status === "ANCHORED") expect(body.slice(a.start!, a.end!)).toBe(a.quote);
    }
    // Putting the sentence back anchors it again.
    const again = await server.ok(UPDATE, { input: { id: article.id, version: 2, body: `${body} Bob said B.` } }, keys.editor);
    expect(again.updateArticle.staleAppearances).toEqual([]);
    expect(again.updateArticle.reanchoredAppearances.map((a) => a.quote)).toEqual(["Bob said B."]);
    expect(again.updateArticle.article.appearances.edges.every(({ node }) => node.status === "ANCHORED")).toBe(true);
  });

  it("refuses a stale version with CONFLICT and the current version", async () => {
    const article = await fresh("edit-version");
    await server.ok(UPDATE, { input: { id: article.id, version: 1, title: "Second" } }, keys.editor);
    const error = await as(keys.editor).error(UPDATE, { input: { id: article.id, version: 1, title: "Lost update" } });
    expect(error.extensions).toMatchObject({ code: "CONFLICT", field: "version", currentVersion: 2 });
    const { article: now } = await server.ok(
      graphql(`query ArticleWritesTitleAndVersion($id: ID!) { article(id: $id) { title version } }`),
      { id: article.id },
      keys.reader,
    );
    expect(now).toEqual({ title: "Second", version: 2 });
  });

  it("lets exactly one of several concurrent updates of the same version win", async () => {
    const article = await fresh("edit-race");
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => server.query(UPDATE, { input: { id: article.id, version: 1, title: `Writer ${i}` } }, bearer(keys.editor))),
    );
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? "OK");
    expect(codes.filter((c) => c === "OK")).toHaveLength(1);
    expect(codes.filter((c) => c === "CONFLICT")).toHaveLength(5);
  });

  it("returns NOT_FOUND for an unknown article", async () => {
    const error = await as(keys.editor).error(UPDATE, { input: { id: Buffer.from("Article:nope").toString("base64url"), version: 1 } });
    expect(error.extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
  });
});

describe("deleteArticle", () => {
  it("deletes claims that appeared only there, keeps shared ones, and lists what went", async () => {
    const { createArticle } = await server.ok(
      CREATE,
      {
        input: {
          slug: "to-delete",
          title: "Doomed",
          body: "Dee said D. Shared claim here.",
          claims: [
            { text: "Dee said D.", cue: "say", claimantDescription: "Dee", appearances: [{ quote: "Dee said D.", kind: "ASSERTION" }] },
            { text: "A shared claim.", cue: "say", claimantDescription: "Sam", appearances: [{ quote: "Shared claim here.", kind: "ASSERTION" }] },
          ],
        },
      },
      keys.editor,
    );
    const article = createArticle.article;
    const shared = article.claims.edges.find((e) => e.node.cue === "say" && e.node.text.startsWith("A shared"))!.node;
    const only = article.claims.edges.find((e) => e.node.text.startsWith("Dee"))!.node;
    // The shared claim also appears in the seed article.
    await server.ok(
      graphql(
        `mutation ArticleWritesShareClaim($claim: ID!) { addAppearance(input: { claim: $claim, article: { slug: "trump-xi-phone-call-2025-06-05" }, quote: "Xinhua News Agency", occurrence: 0, kind: ASSERTION }) { appearance { id } } }`,
      ),
      { claim: shared.id },
      keys.editor,
    );

    const { deleteArticle } = await server.ok(
      graphql(`mutation ArticleWritesDelete($id: ID!) { deleteArticle(id: $id) { deletedArticleId deletedClaimIds deletedAppearanceIds } }`),
      { id: article.id },
      keys.admin,
    );
    expect(deleteArticle.deletedArticleId).toBe(article.id);
    expect(deleteArticle.deletedClaimIds).toEqual([only.id]);
    expect(deleteArticle.deletedAppearanceIds.sort()).toEqual([...only.appearances, ...shared.appearances].map((a) => a.id).sort());
    const after = await server.ok(
      graphql(
        `query ArticleWritesAfterDelete($a: ID!, $only: ID!, $shared: ID!) { article: node(id: $a) { id } only: node(id: $only) { id } shared: claim(id: $shared) { appearances { article { slug } } } }`,
      ),
      { a: article.id, only: only.id, shared: shared.id },
      keys.reader,
    );
    expect(after).toEqual({ article: null, only: null, shared: { appearances: [{ article: { slug: "trump-xi-phone-call-2025-06-05" } }] } });
  });
});
