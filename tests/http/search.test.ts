import type { VariablesOf } from "@graphql-typed-document-node/core";
import { describe, expect, it } from "vitest";

import { parseQuery, rowMatches } from "../../src/search/search.query.ts";
import { stemmerFor } from "../../src/search/search.text.ts";
import { graphql } from "../generated/gql.ts";
import type { SearchHitsQuery } from "../generated/graphql.ts";
import { useTestServer } from "../setup/use.ts";

// Typed documents through graphql() (tests/generated): server.ok checks the
// variables and returns `data` as the document selects it. The hostile search
// strings are variables of a valid document, so that document is typed too.
const server = useTestServer();
const keys = server.keys;

const SEARCH = graphql(`query SearchHits($q: String!, $types: [SearchType!], $first: Int, $after: String) {
  search(query: $q, types: $types, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor score node { __typename ... on Article { id title body summary } ... on Claim { id text claimantDescription } ... on Source { id name role description } }
      snippet { field text highlights { start end } matches { start end } } } } }`);

const search = (q: string, extra: Omit<VariablesOf<typeof SEARCH>, "q"> = {}) => server.ok(SEARCH, { q, ...extra });
/** The text of a result's field that a snippet names (`field` is a String in the schema). */
const fieldOf = (node: object, field: string) => (node as Record<string, unknown>)[field] as string;
const keyOf = (node: { __typename: string; id: string }) => `${node.__typename}:${node.id}`;

/** What the documented semantics say should match, computed in JS from the database rows (search.query.ts's rowMatches). */
async function expected(q: string): Promise<string[]> {
  const query = parseQuery(q);
  const keys: string[] = [];
  for (const a of await server.db.article.findMany()) {
    if (rowMatches(query, stemmerFor(a.language), a.title, a.summary, a.body)) keys.push(`Article:${a.id}`);
  }
  const claims = await server.db.claim.findMany({
    include: { appearances: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 1, select: { article: { select: { language: true } } } } },
  });
  for (const c of claims) {
    if (rowMatches(query, stemmerFor(c.appearances[0]?.article?.language), c.text, c.claimantDescription, c.cue)) keys.push(`Claim:${c.id}`);
  }
  for (const s of await server.db.source.findMany({ include: { aliases: { orderBy: { position: "asc" } } } })) {
    if (rowMatches(query, "english", s.name, ...s.aliases.map((a) => a.alias), s.role, s.description)) keys.push(`Source:${s.id}`);
  }
  return keys.sort();
}

async function hitSet(q: string) {
  const { search: result } = await search(q, { first: 100 });
  expect(result.edges.length).toBe(result.totalCount);
  return result.edges.map((e) => keyOf({ __typename: e.node.__typename, id: fromGlobal(e.node.id) })).sort();
}
const fromGlobal = (id: string) => Buffer.from(id, "base64url").toString("utf8").split(":").slice(1).join(":");

describe("search semantics (the same sets on every backend)", () => {
  for (const q of [
    "xinhua",
    "rare earth*",
    '"rare earth"',
    "trade agreement",
    "US-China",
    "TRUMP truth",
    "tariff*",
    "phase one",
    '"earth rare"',
    // stemmed: inflected forms find each other
    "tariff",
    "claims",
    "negotiating",
    '"rare earths"',
    "accusing violations",
    // the operators
    "trade -tariffs",
    "xinhua OR bloomberg",
    "trump trade OR truce",
    '"export controls" OR visas',
    "export* -chips",
    'china -"rare earths" -trade',
    "polic* OR purchas*",
  ]) {
    it(`finds exactly what the semantics say for ${q}`, async () => {
      const want = await expected(q);
      expect(await hitSet(q)).toEqual(want);
    });
  }

  it("a phrase is stricter than its words", async () => {
    expect((await hitSet('"earth rare"')).length).toBe(0);
    expect((await hitSet("earth rare")).length).toBeGreaterThan(0);
  });

  it("returns snippets whose highlights are the matched words, and offsets into the full field", async () => {
    const { search: result } = await search('"rare earth"');
    for (const edge of result.edges) {
      const { node } = edge;
      const snippet = edge.snippet!;
      expect(snippet.highlights.length).toBeGreaterThan(0);
      // Stemmed: the phrase "rare earth" also finds "rare earths".
      for (const h of snippet.highlights) expect(snippet.text.slice(h.start, h.end).toLowerCase()).toMatch(/^rare earths?$/);
      for (const m of snippet.matches) expect(fieldOf(node, snippet.field).slice(m.start, m.end).toLowerCase()).toMatch(/^rare earths?$/);
    }
  });

  it("pages by cursor without overlap, best first", async () => {
    const all = (await search("china", { first: 100 })).search.edges;
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: SearchHitsQuery["search"] = (await search("china", { first: 3, after })).search;
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.map((e) => e.node.id));
    const scores = all.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("filters by type", async () => {
    const { search: result } = await search("xinhua", { types: ["SOURCE"] });
    expect(result.edges.map((e) => e.node.__typename)).toEqual(["Source"]);
  });
});

describe("hostile queries", () => {
  const cases = [
    '"',
    "NEAR(",
    "*",
    "-",
    '1\' OR 1=1; DROP TABLE "Claim"; --',
    "a AND OR NOT b",
    "xinhua)",
    '"unbalanced phrase',
    "col:xinhua",
    "^xinhua",
    "'",
    "\\",
    "🙂 xinhua",
  ];
  for (const q of cases) {
    it(`answers ${JSON.stringify(q)} with results or BAD_USER_INPUT, never a 500`, async () => {
      const { body } = await server.query(SEARCH, { q });
      if (body.errors) {
        expect(body.errors[0]?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(body.errors[0]?.extensions?.field).toBe("query");
      } else {
        expect(body.data!.search.totalCount).toBeGreaterThanOrEqual(0);
      }
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  }

  it("limits query length and term count", async () => {
    expect((await server.fail(SEARCH, { q: "a".repeat(501) })).extensions).toMatchObject({ code: "BAD_USER_INPUT", limit: 500 });
    expect((await server.fail(SEARCH, { q: Array.from({ length: 21 }, (_, i) => `w${i}`).join(" ") })).extensions).toMatchObject({ limit: 20 });
    expect((await server.fail(SEARCH, { q: "x", after: "garbage" })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});

describe("the index follows every write", () => {
  const CREATE = graphql(`mutation SearchCreateArticle($input: CreateArticleInput!) { createArticle(input: $input) { article { id version } } }`);
  it("create, update and delete an article; rename a source", async () => {
    const { createArticle } = await server.ok(
      CREATE,
      {
        input: {
          slug: "zebra",
          title: "Zebras everywhere",
          body: "Quagga said zebras migrate.",
          claims: [
            {
              text: "Zebras migrate north.",
              cue: "say",
              claimant: { alias: "Quagga Institute", kind: "ORGANIZATION" },
              appearances: [{ quote: "zebras migrate", kind: "REPORTED_SPEECH" }],
            },
          ],
        },
      },
      keys.editor,
    );
    const kinds = async (q: string) => (await search(q)).search.edges.map((e) => e.node.__typename).sort();
    expect(await kinds("zebra*")).toEqual(["Article", "Claim"]);
    expect(await kinds("quagga")).toEqual(["Article", "Source"]);

    await server.ok(
      graphql(`mutation SearchUpdateArticle($input: UpdateArticleInput!) { updateArticle(input: $input) { article { id } } }`),
      { input: { id: createArticle.article.id, version: 1, title: "Okapis", body: "Okapis instead." } },
      keys.editor,
    );
    expect(await kinds("okapis")).toEqual(["Article"]);
    expect(await kinds("quagga")).toEqual(["Source"]);

    const source = (await server.ok(graphql(`query SearchNewSource { source(slug: "quagga-institute") { id } }`))).source!;
    await server.ok(
      graphql(`mutation SearchRenameSource($id: ID!) { updateSource(input: { id: $id, name: "Tapir Institute" }) { source { id } } }`),
      { id: source.id },
      keys.editor,
    );
    expect(await kinds("tapir")).toEqual(["Source"]);

    await server.ok(
      graphql(`mutation SearchDeleteArticle($id: ID!) { deleteArticle(id: $id) { deletedArticleId } }`),
      { id: createArticle.article.id },
      keys.admin,
    );
    expect(await kinds("okapis")).toEqual([]);
    expect(await kinds("zebras")).toEqual([]);
  });
});
