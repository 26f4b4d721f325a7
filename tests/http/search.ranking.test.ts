import { describe, expect, it } from "vitest";

import { loadConfig } from "../../src/config.ts";
import { graphql } from "../generated/gql.ts";
import type { SearchPagesQuery } from "../generated/graphql.ts";
import { useTestServer } from "../setup/use.ts";

// Bounded ranking, honest counts, paging both ways, stemming and the query
// language, over real HTTP on both backends. The server ranks at most 3
// matches (SEARCH_RANK_WINDOW) and counts exactly up to 5 (SEARCH_COUNT_CAP):
// the probe reads up to max(3, 5) + 1 = 6 matches.
const server = useTestServer({ SEARCH_RANK_WINDOW: "3", SEARCH_COUNT_CAP: "5", RATE_LIMIT_PER_IP: "100000", RATE_LIMIT_PER_KEY: "100000" });

const SEARCH = graphql(`query SearchPages($q: String!, $first: Int, $after: String, $last: Int, $before: String, $types: [SearchType!]) {
  search(query: $q, first: $first, after: $after, last: $last, before: $before, types: $types) {
    totalCount totalCountIsExact ranking rankingWindow
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor score node { __typename ... on Article { slug } ... on Claim { text } ... on Source { name } } snippet { text highlights { start end } } } } }`);

const CREATE = graphql(`mutation SearchRankingCreate($input: CreateArticleInput!) { createArticle(input: $input) { article { id slug } } }`);

type Page = SearchPagesQuery["search"];
const search = (q: string, extra: { first?: number; after?: string | null; last?: number; before?: string | null } = {}) =>
  server.ok(SEARCH, { q, ...extra }).then((d) => d.search);
const slugs = (page: Page) => page.edges.map((e) => (e.node.__typename === "Article" ? e.node.slug : e.node.__typename));

/** An article with this body (and language), written now: the newest index row. */
async function article(slug: string, body: string, language = "en", claims: { text: string; quote: string }[] = []) {
  await server.ok(
    CREATE,
    {
      input: {
        slug,
        title: slug,
        body,
        language,
        claims: claims.map((c) => ({
          text: c.text,
          cue: "say",
          claimantDescription: "a speaker",
          appearances: [{ quote: c.quote, kind: "REPORTED_SPEECH" as const }],
        })),
      },
    },
    server.keys.editor,
  );
}

describe("ranking switches from EXACT to WINDOWED at SEARCH_RANK_WINDOW", () => {
  it("ranks every match up to the window, then only the newest window", async () => {
    // More "wombat"s rank higher, so the best of all is the oldest: windowing must leave it out.
    await article("wombat-1", "wombat wombat wombat wombat wombat burrow");
    await article("wombat-2", "wombat burrow");
    await article("wombat-3", "wombat wombat burrow");
    const exact = await search("wombat");
    expect(exact).toMatchObject({ ranking: "EXACT", rankingWindow: null, totalCount: 3, totalCountIsExact: true });
    expect(slugs(exact)[0]).toBe("wombat-1");

    await article("wombat-4", "wombat wombat wombat burrow");
    const windowed = await search("wombat");
    expect(windowed).toMatchObject({ ranking: "WINDOWED", rankingWindow: 3, totalCount: 4, totalCountIsExact: true });
    // The newest three, ranked among themselves; wombat-1, the best match of all, is outside the window.
    expect(slugs(windowed)).toEqual(["wombat-4", "wombat-3", "wombat-2"]);
    const scores = windowed.edges.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("counts exactly up to the probe, then estimates and says so", async () => {
    await article("wombat-5", "wombat burrow");
    expect(await search("wombat")).toMatchObject({ totalCount: 5, totalCountIsExact: true });
    await article("wombat-6", "wombat burrow");
    const capped = await search("wombat");
    expect(capped.totalCountIsExact).toBe(false);
    expect(capped.totalCount).toBeGreaterThan(5);
    // Few matches stay exact.
    expect(await search("xinhua")).toMatchObject({ totalCountIsExact: true, ranking: "EXACT" });
  });
});

describe("cursors page both ways and stay stable within a ranking", () => {
  /** Every hit, one page of `size` at a time, forward then backward. */
  async function walk(q: string, size: number) {
    const forward: Page[] = [];
    let after: string | null = null;
    do {
      const page: Page = await search(q, { first: size, after });
      forward.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    const backward: Page[] = [];
    let before: string | null = null;
    do {
      const page: Page = await search(q, { last: size, before });
      backward.push(page);
      before = page.pageInfo.hasPreviousPage ? page.pageInfo.startCursor : null;
    } while (before);
    return { forward: forward.flatMap(slugsAndCursors), backward: backward.reverse().flatMap(slugsAndCursors) };
  }
  const slugsAndCursors = (page: Page) => page.edges.map((e) => `${JSON.stringify(e.node)} ${e.cursor}`);

  it("forward and backward give the same hits, in the same order, with the same cursors", async () => {
    for (const q of ["wombat", "burrow", "china", "trade", "said"]) {
      const whole = await search(q, { first: 100 });
      for (const size of [1, 2, 3]) {
        const { forward, backward } = await walk(q, size);
        expect(forward, `${q} by ${size}`).toEqual(whole.edges.map((e) => `${JSON.stringify(e.node)} ${e.cursor}`));
        expect(backward, `${q} by ${size}, backward`).toEqual(forward);
      }
    }
  });

  it("last without before is the end of the ranking; before a cursor is the hits just ahead of it", async () => {
    const whole = await search("wombat", { first: 100 });
    expect(whole.edges).toHaveLength(3);
    const tail = await search("wombat", { last: 2 });
    expect(slugsAndCursors(tail)).toEqual(whole.edges.slice(-2).map((e) => `${JSON.stringify(e.node)} ${e.cursor}`));
    expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const ahead = await search("wombat", { last: 2, before: whole.edges[2]!.cursor });
    expect(ahead.edges.map((e) => e.cursor)).toEqual(whole.edges.slice(0, 2).map((e) => e.cursor));
    expect(ahead.pageInfo.hasPreviousPage).toBe(false);
  });

  it("a ranking's later pages ignore rows written after its first page", async () => {
    const first = await search("burrow", { first: 2 });
    expect(first.ranking).toBe("WINDOWED");
    await article("wombat-7", "wombat burrow burrow burrow burrow burrow");
    const rest = await search("burrow", { first: 10, after: first.pageInfo.endCursor });
    const seen = [...slugs(first), ...slugs(rest)];
    expect(seen).not.toContain("wombat-7");
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(3);
    // A new first page sees it.
    expect(slugs(await search("burrow"))).toContain("wombat-7");
  });

  it("refuses mixed directions and cursors it did not issue", async () => {
    const cursor = (await search("china", { first: 1 })).pageInfo.endCursor!;
    expect((await server.fail(SEARCH, { q: "china", first: 1, last: 1 })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "last" });
    expect((await server.fail(SEARCH, { q: "china", first: 1, before: cursor })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "before" });
    expect((await server.fail(SEARCH, { q: "china", last: 1, after: cursor })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    expect((await server.fail(SEARCH, { q: "china", last: 101 })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "last" });
    const forged = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString("base64url");
    for (const bad of [
      forged(["search", 1, "Claim:x"]),
      forged(["search", 1, 5, 3, null]),
      forged(["search", "1", 1, 3, null]),
      forged(["search", 1, 2, 3, 4]),
      forged(["search", 1, 0.5, 3, null]),
      "garbage",
    ]) {
      expect((await server.fail(SEARCH, { q: "china", before: bad })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "before" });
    }
  });

  it("a forged window cannot make a page rank more than the newest SEARCH_RANK_WINDOW matches", async () => {
    const page = await search("wombat", { first: 1 });
    const [tag, rank, row, hi] = JSON.parse(Buffer.from(page.pageInfo.endCursor!, "base64url").toString()) as unknown[];
    // lo = 1 would ask for every row: the window stays the newest three.
    const widened = Buffer.from(JSON.stringify([tag, rank, row, hi, 1])).toString("base64url");
    const rest = await search("wombat", { first: 10, after: widened });
    expect(rest.ranking).toBe("WINDOWED");
    expect(slugs(rest).length).toBeLessThanOrEqual(2);
  });
});

describe("stemming and languages", () => {
  it("finds inflected forms in English, and words as written in other languages", async () => {
    await article("stem-en", "Quagga farmers protested the tariffs. Negotiations over claims continued.", "en", [
      { text: "Quagga farmers oppose the new tariffs.", quote: "Quagga farmers protested the tariffs" },
    ]);
    await article("stem-de", "Die Quaggas und die tariffs der Händler.", "de", [
      { text: "Die Quaggas lehnen die tariffs ab.", quote: "Die Quaggas und die tariffs" },
    ]);
    const kinds = async (q: string) =>
      (await search(q, { first: 50 })).edges.map((e) => (e.node.__typename === "Article" ? e.node.slug : e.node.__typename)).sort();
    // English rows hold stems: every inflection of a word finds them.
    expect(await kinds("quagga tariff")).toEqual(["Claim", "stem-en"]);
    expect(await kinds("quagga negotiating claim")).toEqual(["stem-en"]);
    expect(await kinds('"quagga farmer"')).toEqual(["Claim", "stem-en"]);
    // German rows hold words as written: "tariffs" as typed finds them, "tariff" does not; their claim is German too.
    expect(await kinds("quaggas tariff -farmer")).toEqual([]);
    expect(await kinds("quaggas tariffs -farmers")).toEqual(["Claim", "stem-de"]);
    // Typed "quaggas tariffs" is stemmed for the English rows too: four matches, so windowed at three.
    expect(await search("quaggas tariffs")).toMatchObject({ totalCount: 4, ranking: "WINDOWED" });
    // prefix* matches the words as written, in every language.
    expect(await kinds("quagga* tariffs* -farmer")).toEqual(["Claim", "stem-de"]);
    expect((await search("quagga* tariffs*")).totalCount).toBe(4);
  });

  it("restems an article's claims when its language changes", async () => {
    const UPDATE = graphql(`mutation SearchRankingLanguage($input: UpdateArticleInput!) { updateArticle(input: $input) { article { id version } } }`);
    const FIND = graphql(`query SearchRankingArticle($slug: String!) { article(slug: $slug) { id version } }`);
    await article("stem-lang", "Okapi herders protested the levies.", "en", [
      { text: "Okapi herders oppose the levies.", quote: "Okapi herders protested the levies" },
    ]);
    const count = async (q: string) => (await search(q)).totalCount;
    expect(await count("okapi herder levy")).toBe(2);
    const { id, version } = (await server.ok(FIND, { slug: "stem-lang" })).article!;
    await server.ok(UPDATE, { input: { id, version, language: "fr" } }, server.keys.editor);
    // Now as written: the stems no longer find the article or its claim, the words as written do.
    expect(await count("okapi herder levy")).toBe(0);
    expect(await count("okapi herders levies")).toBe(2);
  });

  it("highlights the inflected forms it matched", async () => {
    const page = await search("quagga tariff", { first: 5 });
    const snippet = page.edges.find((e) => e.node.__typename === "Article")!.snippet!;
    expect(snippet.highlights.map((h) => snippet.text.slice(h.start, h.end))).toEqual(["Quagga", "tariffs"]);
  });
});

describe("the query language", () => {
  it("OR binds tighter than AND; - excludes; phrases and prefixes combine", async () => {
    await article("ql-1", "zorblat quexit");
    await article("ql-2", "zorblat frimble");
    await article("ql-3", "quexit frimble");
    await article("ql-4", "zorblat quexit frimble");
    const found = async (q: string) => slugs(await search(q, { first: 50 })).sort();
    expect(await found("zorblat quexit OR frimble")).toEqual(["ql-1", "ql-2", "ql-4"]);
    expect(await found("quexit OR zorblat frimble")).toEqual(["ql-2", "ql-3", "ql-4"]);
    expect(await found("zorblat -frimble")).toEqual(["ql-1"]);
    expect(await found('zorblat -"quexit frimble"')).toEqual(["ql-1", "ql-2"]);
    expect(await found('"zorblat quexit" OR "quexit frimble"')).toEqual(["ql-1", "ql-3", "ql-4"]);
    expect(await found("zorb* -quex*")).toEqual(["ql-2"]);
    // A stray OR joins nothing; lower-case "or" is a word.
    expect(await found("OR zorblat quexit OR")).toEqual(["ql-1", "ql-4"]);
  });

  it("refuses a query of excluded terms only, naming the argument; an OR beside an excluded term joins nothing", async () => {
    for (const q of ["-zorblat", '-"zorblat quexit"', "-zorblat -quexit", "OR -zorblat"]) {
      expect((await server.fail(SEARCH, { q })).extensions, q).toMatchObject({ code: "BAD_USER_INPUT", field: "query" });
    }
    expect(slugs(await search("zorblat OR -quexit", { first: 50 })).sort()).toEqual(["ql-2"]);
  });

  const hostile = [
    "-",
    "--zorblat",
    "OR",
    "OR OR OR",
    "- OR -",
    '-"',
    '"-zorblat"',
    "zorblat NOT quexit",
    "{content words} : zorblat",
    "words:zorblat*",
    "content : (zorblat)",
    "zorblat'*",
    "'~zorblat':*",
    "zorblat & !quexit",
    "zorblat <-> quexit",
    "zorblat) OR (quexit",
    'NEAR("zorblat" "quexit")',
    "zorblat* *",
    "\u0000zorblat",
    "zorblat\u200bquexit",
  ];
  for (const q of hostile) {
    it(`answers ${JSON.stringify(q)} with results or BAD_USER_INPUT, never a 500`, async () => {
      const { status, body } = await server.query(SEARCH, { q });
      if (body.errors) {
        // The argument, or the variable when GraphQL refuses its value (a NUL character) before search sees it.
        expect(body.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: expect.stringMatching(/^(query|q)$/) });
      } else {
        expect(status).toBe(200);
        expect(body.data!.search.totalCount).toBeGreaterThanOrEqual(0);
      }
    });
  }
});

describe("settings", () => {
  it("validates SEARCH_RANK_WINDOW and SEARCH_COUNT_CAP at start-up", () => {
    expect(loadConfig({}).search).toEqual({ rankWindow: 10_000, countCap: 10_000 });
    expect(loadConfig({ SEARCH_RANK_WINDOW: "500", SEARCH_COUNT_CAP: "1000" }).search).toEqual({ rankWindow: 500, countCap: 1000 });
    for (const bad of ["0", "-1", "1.5", "ten", "1e3", "2000000"]) {
      expect(() => loadConfig({ SEARCH_RANK_WINDOW: bad }), bad).toThrow(/SEARCH_RANK_WINDOW must be an integer from 1 to 1000000/);
      expect(() => loadConfig({ SEARCH_COUNT_CAP: bad }), bad).toThrow(/SEARCH_COUNT_CAP must be an integer/);
    }
  });
});
