import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { seedFigures } from "../extraction/eval.ts";
import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// Typed documents through graphql() (tests/generated): server.ok checks the
// variables and returns `data` as the document selects it.
const server = useTestServer();
const keys = server.keys;

const EXTRACT = graphql(`query ExtractionProposals($text: String!, $publishedAt: DateTime, $language: String) {
  extractClaims(text: $text, publishedAt: $publishedAt, language: $language) {
    index kind confidence text cue cueKind outerIndex channel reportedBy claimedAt claimedAtPrecision
    claimant { name role kind source { slug } }
    spans { claimant { start end text } cue { start end text } content { start end text } channel { start end text } date { start end text } reportedBy { start end text } }
  } }`);

const file = readFileSync(join(import.meta.dirname, "../../seeds/trump-xi-call-2025-06/article.txt"), "utf8");
const SEED_BODY = file.slice(file.indexOf("\n") + 1);

describe("extractClaims", () => {
  it("finds the seed article's claims with exact spans, claimants matched to existing sources", async () => {
    const { extractClaims } = await server.ok(EXTRACT, { text: SEED_BODY, publishedAt: "2025-06-05T00:00:00Z" });
    expect(extractClaims.length).toBeGreaterThanOrEqual(8);
    for (const proposal of extractClaims) {
      for (const span of Object.values(proposal.spans)) {
        if (span) expect(SEED_BODY.slice(span.start, span.end)).toBe(span.text);
      }
    }
    const greer = extractClaims.find((p) => p.cue === "state" && p.claimant?.name === "Greer");
    expect(greer).toMatchObject({
      claimant: { role: "US Trade Representative", kind: "PERSON", source: { slug: "jamieson-greer" } },
      channel: "CNBC",
      claimedAt: "2025-05-30T00:00:00.000Z",
      claimedAtPrecision: "DAY",
      spans: { channel: { text: "in an interview with CNBC" }, date: { text: "on May 30th" } },
    });
    const belief = extractClaims.find((p) => p.cue === "believe");
    expect(belief).toMatchObject({
      claimant: { name: "Trump", source: { slug: "donald-trump" } },
      reportedBy: "Bloomberg",
      spans: { reportedBy: { text: "Bloomberg" } },
    });
    const post = extractClaims.find((p) => p.cue === "post");
    expect(post).toMatchObject({ claimedAt: "2025-06-04T06:17:00.000Z", claimedAtPrecision: "MINUTE" });
    const pronoun = extractClaims.find((p) => p.spans.claimant?.text === "He");
    expect(pronoun!.claimant!.name).toBe("Greer");
  });

  it("reads a quotation with its source after it", async () => {
    const text = `"It was very nice," the tycoon told Reuters on Monday.`;
    const { extractClaims } = await server.ok(EXTRACT, { text, publishedAt: "2025-06-05T12:00:00Z" });
    expect(extractClaims).toHaveLength(1);
    expect(extractClaims[0]).toMatchObject({
      kind: "DIRECT_QUOTE",
      cue: "tell",
      text: "It was very nice",
      channel: "Reuters",
      claimedAt: "2025-06-02T00:00:00.000Z",
      spans: { claimant: { text: "the tycoon" }, content: { start: 1, end: 17 } },
    });
  });

  it("says what kind of cue each attribution has: speech, a thought or stance, or evidence", async () => {
    const text = "The mayor told reporters that the bridge would reopen. The union opposes the merger. Polls show the race tightening.";
    const { extractClaims } = await server.ok(EXTRACT, { text, publishedAt: "2025-06-05T12:00:00Z" });
    expect(extractClaims.map((p) => [p.cue, p.cueKind, p.text])).toEqual([
      ["tell", "SPEECH", "the bridge would reopen"],
      ["oppose", "THOUGHT_OR_STANCE", "the merger"],
      ["show", "EVIDENCE", "the race tightening"],
    ]);
  });

  it("keeps an attribution that names no source, with a null claimant", async () => {
    const text = "It was reported on Monday that the hospital had cancelled 300 operations.";
    const { extractClaims } = await server.ok(EXTRACT, { text, publishedAt: "2025-06-05T12:00:00Z" });
    expect(extractClaims).toHaveLength(1);
    expect(extractClaims[0]).toMatchObject({
      cue: "report",
      claimant: null,
      text: "the hospital had cancelled 300 operations",
      claimedAt: "2025-06-02T00:00:00.000Z",
      spans: { claimant: null, cue: { text: "reported" } },
    });
  });

  it("links an attribution nested in another's content to the outer one by outerIndex", async () => {
    const text = "Mayor Joan Pike said on Friday she still believed the congestion charge would work.";
    const { extractClaims } = await server.ok(EXTRACT, { text, publishedAt: "2025-06-05T12:00:00Z" });
    expect(extractClaims.map((p) => [p.index, p.cue, p.claimant?.name, p.text, p.outerIndex])).toEqual([
      [0, "say", "Joan Pike", "she still believed the congestion charge would work", null],
      [1, "believe", "Joan Pike", "the congestion charge would work", 0],
    ]);
  });

  it("reads a transcript's colon cues, a paraphrase before its cue and ''…'' quotes", async () => {
    const text = [
      "PARK: It comes from growth, and we are not raising taxes.",
      "",
      "Fares will not go up this year, the authority's finance director said.",
      "",
      "''We are not done yet,'' Governor Ama Boateng told a news conference.",
    ].join("\n");
    const { extractClaims } = await server.ok(EXTRACT, { text, publishedAt: "2025-06-05T12:00:00Z" });
    expect(extractClaims.map((p) => [p.cue, p.claimant?.name, p.spans.content.text, p.kind])).toEqual([
      [":", "Park", "It comes from growth, and we are not raising taxes", "DIRECT_QUOTE"],
      ["say", "authority's finance director", "Fares will not go up this year", "REPORTED_SPEECH"],
      ["tell", "Ama Boateng", "We are not done yet", "DIRECT_QUOTE"],
    ]);
    for (const p of extractClaims) for (const span of Object.values(p.spans)) if (span) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it("refuses a text over the limit and a language it cannot read, naming the argument", async () => {
    const long = await server.fail(EXTRACT, { text: "x".repeat(200_001) });
    // The cost limit (1 per 1,000 characters) or the length limit refuses it; either names its limit.
    expect(long.extensions?.code).toMatch(/BAD_USER_INPUT|QUERY_TOO_COMPLEX/);
    expect(long.extensions?.limit).toBeGreaterThan(0);
    const french = await server.fail(EXTRACT, { text: "Le ministre a dit que…", language: "fr" });
    expect(french.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "language" });
  });
});

const IMPORT = graphql(`mutation ExtractionImport($input: ImportArticleInput!) { importArticle(input: $input) {
  article { slug body claims(first: 50) { totalCount edges { node { text cue claimant { slug } claimantDescription channel { slug kind } reportedBy { slug }
    appearances { start end quote kind } } } } }
  report { proposed saved notAccepted createdSources { slug kind } ambiguous { index part name sources { slug } } } } }`);

const STORY = [
  `Mayor Ana Ruiz said on Tuesday that repairs to the bridge would take three more months.`,
  `"We will not reopen a structure that is not safe," she told reporters at City Hall.`,
  `Greer stated in an interview with CNBC on May 30th that the talks had stalled.`,
].join(" ");

describe("importArticle", () => {
  it("needs an editor key", async () => {
    const error = await server.fail(IMPORT, { input: { title: "Bridge", body: STORY } }, keys.reader);
    expect(error.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses an index that was not proposed, and writes nothing", async () => {
    const error = await server.fail(IMPORT, { input: { title: "Bridge stays shut", body: STORY, accept: [0, 9] } }, keys.editor);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "accept[1]" });
    expect(await server.db.article.count({ where: { slug: "bridge-stays-shut" } })).toBe(0);
  });

  it("saves the accepted proposals in one article, connecting existing sources and creating new ones", async () => {
    const { importArticle } = await server.ok(IMPORT, { input: { title: "Bridge stays shut", body: STORY, publishedAt: "2025-06-06T10:00:00Z" } }, keys.editor);
    const { article, report } = importArticle;
    expect(article.slug).toBe("bridge-stays-shut");
    expect(report.proposed).toBe(3);
    expect(report.saved).toEqual([0, 1, 2]);
    const claims = article.claims.edges.map((e) => e.node);
    expect(claims).toHaveLength(3);
    for (const claim of claims) for (const a of claim.appearances) expect(article.body.slice(a.start!, a.end!)).toBe(a.quote);
    // Greer is a seed source: connected by alias, not created again.
    expect(claims.find((c) => c.cue === "state")!.claimant!.slug).toBe("jamieson-greer");
    expect(claims.find((c) => c.cue === "state")!.channel).toEqual({ slug: "cnbc", kind: "NEWS_OUTLET" });
    // "she" resolves to the mayor, a new source created once for both claims.
    expect(claims.filter((c) => c.claimant?.slug === "ana-ruiz")).toHaveLength(2);
    expect(report.createdSources).toEqual([{ slug: "ana-ruiz", kind: "PERSON" }]);
  });

  it("leaves a channel that several sources go by unconnected and names it in the report, and saves a claim without a source", async () => {
    for (const name of ["Harbor Times Group", "Harbor Times Radio"]) {
      await server.ok(
        graphql(`mutation ExtractionAmbiguousSource($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`),
        { input: { name, kind: "NEWS_OUTLET", aliases: ["Harbor Times"] } },
        keys.editor,
      );
    }
    const body = "Mayor Ana Ruiz told the Harbor Times that the bridge would reopen in May. It was reported on Monday that the repairs had cost 40 million.";
    const { importArticle } = await server.ok(IMPORT, { input: { title: "Bridge reopens", body, publishedAt: "2025-06-06T10:00:00Z" } }, keys.editor);
    const { article, report } = importArticle;
    expect(report.saved).toEqual([0, 1]);
    expect(report.ambiguous).toEqual([
      { index: 0, part: "CHANNEL", name: "Harbor Times", sources: [{ slug: "harbor-times-group" }, { slug: "harbor-times-radio" }] },
    ]);
    const claims = article.claims.edges.map((e) => e.node);
    expect(claims.find((c) => c.cue === "tell")).toMatchObject({ channel: null, claimant: { slug: "ana-ruiz" } });
    expect(claims.find((c) => c.cue === "report")).toMatchObject({
      claimant: null,
      claimantDescription: "no source named",
      text: "the repairs had cost 40 million",
    });
  });

  it("saves only the proposals the caller accepts", async () => {
    const { importArticle } = await server.ok(IMPORT, { input: { title: "Bridge, second look", body: STORY, accept: [2] } }, keys.editor);
    expect(importArticle.report).toMatchObject({ saved: [2], notAccepted: [0, 1] });
    expect(importArticle.article.claims.totalCount).toBe(1);
  });
});

describe("seed-article figures", () => {
  it("finds at least 8 of the 18 seed claims with the right claimant", () => {
    const { found, total } = seedFigures();
    expect(total).toBe(18);
    expect(found).toBeGreaterThanOrEqual(8);
  });
});
