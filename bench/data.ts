// The write limits below come from a type-graphql input module, which needs the metadata polyfill first.
import "reflect-metadata";

import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import Database from "better-sqlite3";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

import { MAX_BODY_LENGTH, MAX_CLAIMS_PER_ARTICLE } from "../src/article/article.input.ts";
import { parseDatabaseUrl } from "../src/db/databaseUrl.ts";
import { migrate } from "../src/db/migrate.ts";
import { indexText, TOKENISER_VERSION, type IndexedText } from "../src/search/search.text.ts";

// Deterministic benchmark data: the same inputs give the same rows. Sources
// with aliases, articles with long bodies, several claims per article, and
// appearances whose spans are real slices of the body.

const CLAIMS_PER_ARTICLE = 5;
const WORDS = [
  "trade",
  "tariff",
  "export",
  "rare",
  "earth",
  "chip",
  "summit",
  "minister",
  "talks",
  "agreement",
  "sanction",
  "market",
  "visa",
  "security",
  "deal",
];

// A long tail as in real text: 3,000 made-up words drawn with a skew, so a few
// are common and most are rare (search cost depends on how many rows match).
const SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "vak", "sel", "dun", "pra", "gil", "bo", "nes", "ur", "fen", "zi"];
/** The made-up word with rank `n` (0 is the most frequent). */
export const tailWord = (n: number) => `${SYLLABLES[n % 15]}${SYLLABLES[Math.floor(n / 15) % 15]}${SYLLABLES[Math.floor(n / 225) % 15]}`;
const TAIL = 3_000;

/** A small deterministic PRNG (mulberry32), so every run builds identical data. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const id = (kind: string, n: number) => `bench-${kind}-${String(n).padStart(8, "0")}`;

/**
 * Two articles for W6 (amplification), each quoting claims that already appear
 * in a generated article (a claim may appear in several). Published after every
 * other article, so the oldest-first reads of W1 and W2 never reach them.
 * - longread: at the write limits, a MAX_BODY_LENGTH-character body quoting
 *   MAX_CLAIMS_PER_ARTICLE claims (claims 0…199);
 * - feature: sized so that the two-level appearances chain (20 × 20 bodies at the
 *   default page size) lands just under the default 10 MB response ceiling:
 *   23,000 characters quoting 40 claims (claims 200…239).
 */
export const HOT_ARTICLES = [
  { id: "bench-art-longread", slug: "bench-longread", bodyLength: MAX_BODY_LENGTH, firstClaim: 0, claims: MAX_CLAIMS_PER_ARTICLE },
  { id: "bench-art-feature", slug: "bench-feature", bodyLength: 23_000, firstClaim: MAX_CLAIMS_PER_ARTICLE, claims: 40 },
] as const;

type Tables = Record<"Source" | "SourceAlias" | "Article" | "Claim" | "Appearance" | "Review", { columns: string[]; rows: (string | number | null)[][] }>;

/**
 * The claimant of W7 (track record): a person all of whose claims have a published review, some several, so that it
 * has the most reviewed claims of the dataset (51 at 1k claims, 191 at 100k).
 */
export const BUSY_CLAIMANT = { id: id("src", 1), slug: "bench-source-1" } as const;

// Reviews: about one per claim (none, one or two; every claim of the busy claimant one to three), from a few
// fact-checkers, mostly published, over the nine verdicts, dated some days after the claim (a few undated).
const VERDICTS = ["TRUE", "MOSTLY_TRUE", "MIXED", "MOSTLY_FALSE", "FALSE", "MISLEADING", "UNPROVEN", "SATIRE", "OUTDATED"] as const;
const VERDICT_WEIGHTS = [10, 12, 14, 16, 22, 14, 6, 3, 3];

/** Every row of a dataset with `claims` claims, the same on every call. */
export function buildRows(claims: number): Tables {
  const rand = random(42);
  const now = new Date("2026-01-01T00:00:00Z").getTime();
  const articles = Math.ceil(claims / CLAIMS_PER_ARTICLE);
  const sources = Math.max(20, Math.ceil(claims / 200));
  const kinds = ["PERSON", "PERSON", "PERSON", "NEWS_OUTLET", "NEWS_AGENCY", "GOVERNMENT_BODY", "ORGANIZATION", "SOCIAL_PLATFORM"];
  const iso = (ms: number) => new Date(ms).toISOString();
  const tables: Tables = {
    Source: { columns: ["id", "slug", "name", "kind", "role", "createdAt", "updatedAt"], rows: [] },
    SourceAlias: { columns: ["id", "sourceId", "alias", "normalized", "position"], rows: [] },
    Article: { columns: ["id", "slug", "title", "body", "language", "publishedAt", "publisherId", "version", "createdAt", "updatedAt"], rows: [] },
    Claim: { columns: ["id", "text", "claimantId", "cue", "claimedAt", "claimedAtPrecision", "channelId", "reportedById", "createdAt", "updatedAt"], rows: [] },
    Appearance: { columns: ["id", "articleId", "claimId", "quote", "start", "end", "kind", "status", "createdAt"], rows: [] },
    Review: {
      columns: ["id", "claimId", "reviewerId", "alternateName", "verdict", "status", "datePublished", "language", "createdAt", "updatedAt"],
      rows: [],
    },
  };
  const sentence = (n: number) =>
    `Speaker ${n} said that ${Array.from({ length: 12 }, (_, k) => (k % 3 === 2 ? tailWord(Math.floor(TAIL * rand() ** 3)) : WORDS[Math.floor(rand() * WORDS.length)])).join(" ")}.`;
  for (let s = 0; s < sources; s++) {
    const name = `Source ${s}`;
    tables.Source.rows.push([id("src", s), `bench-source-${s}`, name, kinds[s % kinds.length], s % 3 ? null : "Spokesperson", iso(now), iso(now)]);
    tables.SourceAlias.rows.push([id("alias", s * 2), id("src", s), name, name.toLowerCase(), 0], [id("alias", s * 2 + 1), id("src", s), `S${s}`, `s${s}`, 1]);
  }
  let claim = 0;
  for (let a = 0; a < articles; a++) {
    const filler = Array.from({ length: 30 }, (_, k) => sentence(a * 100 + k));
    const quotes = Array.from({ length: CLAIMS_PER_ARTICLE }, (_, k) => sentence(a * 1000 + k));
    const body = [...filler.slice(0, 15), ...quotes, ...filler.slice(15)].join(" ");
    const published = now - a * 3_600_000;
    tables.Article.rows.push([
      id("art", a),
      `bench-article-${a}`,
      `Benchmark article ${a}`,
      body,
      "en",
      iso(published),
      id("src", a % sources),
      1,
      iso(published),
      iso(published),
    ]);
    for (const quote of quotes) {
      if (claim >= claims) break;
      const start = body.indexOf(quote);
      const claimant = Math.floor(rand() * sources);
      tables.Claim.rows.push([
        id("claim", claim),
        quote,
        id("src", claimant),
        "say",
        iso(published - 86_400_000),
        "DAY",
        id("src", (claimant + 1) % sources),
        id("src", (claimant + 2) % sources),
        iso(published),
        iso(published),
      ]);
      tables.Appearance.rows.push([
        id("app", claim),
        id("art", a),
        id("claim", claim),
        quote,
        start,
        start + quote.length,
        "REPORTED_SPEECH",
        "ANCHORED",
        iso(published),
      ]);
      claim++;
    }
  }
  // After every generated row, so the rows above stay the same as before these articles existed.
  const claimText = new Map(tables.Claim.rows.map((row) => [row[0] as string, row[1] as string]));
  HOT_ARTICLES.forEach((hot, h) => {
    const quoted = Array.from({ length: hot.claims }, (_, k) => id("claim", hot.firstClaim + k)).filter((c) => claimText.has(c));
    // Each quote opens an equal share of the body; filler fills the share, and the whole is cut to the exact length.
    let body = "";
    const starts: number[] = [];
    quoted.forEach((claimId, k) => {
      starts.push(body.length);
      body += `${claimText.get(claimId)!} `;
      while (body.length < ((k + 1) * hot.bodyLength) / quoted.length) body += `${sentence(9_000_000 + h * 100_000 + body.length)} `;
    });
    body = body.slice(0, hot.bodyLength);
    const published = now + (h + 1) * 3_600_000;
    tables.Article.rows.push([
      hot.id,
      hot.slug,
      `Benchmark ${hot.slug.replace("bench-", "")}`,
      body,
      "en",
      iso(published),
      id("src", h),
      1,
      iso(published),
      iso(published),
    ]);
    quoted.forEach((claimId, k) => {
      const quote = claimText.get(claimId)!;
      tables.Appearance.rows.push([
        `${hot.id}-app-${k}`,
        hot.id,
        claimId,
        quote,
        starts[k]!,
        starts[k]! + quote.length,
        "REPORTED_SPEECH",
        "ANCHORED",
        iso(published),
      ]);
    });
  });
  addReviews(tables, sources, now);
  return tables;
}

/** Reviews of the claims (see VERDICTS), from their own random stream, so the rows above stay as they were. */
function addReviews(tables: Tables, sources: number, now: number) {
  const rand = random(7);
  const iso = (ms: number) => new Date(ms).toISOString();
  // Fact-checkers: the ORGANIZATION sources among the first 40 (at least two: sources 6 and 14).
  const reviewers = Array.from({ length: Math.min(sources, 40) }, (_, s) => s).filter((s) => s % 8 === 6);
  const pick = () => {
    let at = rand() * VERDICT_WEIGHTS.reduce((a, b) => a + b, 0);
    for (const [i, weight] of VERDICT_WEIGHTS.entries()) {
      at -= weight;
      if (at < 0) return VERDICTS[i]!;
    }
    return VERDICTS[0];
  };
  const [idAt, claimantAt, claimedAt] = ["id", "claimantId", "claimedAt"].map((name) => tables.Claim.columns.indexOf(name)) as [number, number, number];
  let n = 0;
  for (const claim of tables.Claim.rows) {
    const busy = claim[claimantAt] === BUSY_CLAIMANT.id;
    const draw = rand();
    const count = busy ? 1 + Math.floor(draw * 3) : draw < 0.25 ? 0 : draw < 0.75 ? 1 : 2;
    let date = Date.parse(claim[claimedAt] as string);
    for (let k = 0; k < count; k++) {
      date += (1 + Math.floor(rand() * 20)) * 86_400_000;
      const verdict = pick();
      const roll = rand();
      // The busy claimant's first review of each claim is published: every one of its claims counts.
      const status = busy && k === 0 ? "PUBLISHED" : roll < 0.05 ? "DRAFT" : roll < 0.1 ? "RETRACTED" : "PUBLISHED";
      tables.Review.rows.push([
        id("review", n++),
        claim[idAt] as string,
        id("src", reviewers[Math.floor(rand() * reviewers.length)]!),
        verdict.toLowerCase().replace("_", " "),
        verdict,
        status,
        rand() < 0.03 ? null : iso(date),
        "en",
        iso(now),
        iso(now),
      ]);
    }
  }
}

const quoted = (columns: string[]) => columns.map((c) => `"${c}"`).join(", ");

/**
 * The search index rows for a dataset, built with the product's own tokeniser
 * (as its writes do), so bulk loading needs no row-at-a-time reindex. Every
 * generated article is English, and so are its claims and the sources.
 */
function* searchRows(tables: Tables): Generator<[string, string, IndexedText]> {
  const column = (table: keyof Tables, name: string) => tables[table].columns.indexOf(name);
  const aliases = new Map<string, string[]>();
  for (const row of tables.SourceAlias.rows)
    aliases.set(row[column("SourceAlias", "sourceId")] as string, [
      ...(aliases.get(row[column("SourceAlias", "sourceId")] as string) ?? []),
      row[column("SourceAlias", "alias")] as string,
    ]);
  const value = (table: keyof Tables, row: (string | number | null)[], name: string) => row[column(table, name)] as string | null;
  // A generator: at 1M claims the index text of every row at once would not fit the default heap.
  for (const r of tables.Source.rows)
    yield [
      "Source",
      value("Source", r, "id")!,
      indexText("en", value("Source", r, "name"), ...(aliases.get(value("Source", r, "id")!) ?? []), value("Source", r, "role"), null),
    ];
  const article = (r: (string | number | null)[]): [string, string, IndexedText] => [
    "Article",
    value("Article", r, "id")!,
    indexText(value("Article", r, "language"), value("Article", r, "title"), null, value("Article", r, "body")),
  ];
  const claim = (r: (string | number | null)[]): [string, string, IndexedText] => [
    "Claim",
    value("Claim", r, "id")!,
    indexText("en", value("Claim", r, "text"), null, value("Claim", r, "cue")),
  ];
  // In the order a newsroom would have written them: oldest article first, each after its claims (as createArticle
  // indexes them), the two hot articles last. A windowed ranking takes the newest rows of the index.
  const generated = tables.Article.rows.length - HOT_ARTICLES.length;
  for (let a = generated - 1; a >= 0; a--) {
    for (const r of tables.Claim.rows.slice(a * CLAIMS_PER_ARTICLE, (a + 1) * CLAIMS_PER_ARTICLE)) yield claim(r);
    yield article(tables.Article.rows[a]!);
  }
  for (const r of tables.Article.rows.slice(generated)) yield article(r);
}

/** Loads a dataset into a migrated SQLite file: batched inserts in one transaction. */
export async function generateSqlite(file: string, claims: number): Promise<void> {
  const target = parseDatabaseUrl(`file:${file}`);
  await migrate(target);
  const db = new Database(file);
  const tables = buildRows(claims);
  db.transaction(() => {
    for (const [table, { columns, rows }] of Object.entries(tables)) {
      const insert = db.prepare(`INSERT INTO "${table}" (${quoted(columns)}) VALUES (${columns.map(() => "?").join(", ")})`);
      for (const row of rows) insert.run(...row);
    }
    const rows = db.prepare(`INSERT INTO "search_rows" (id, entity_type, entity_id, stemmer) VALUES (?, ?, ?, ?)`);
    const fts = db.prepare(`INSERT INTO "search_fts" (rowid, content, words) VALUES (?, ?, ?)`);
    let n = 0;
    for (const [type, id, text] of searchRows(tables)) {
      rows.run(++n, type, id, text.stemmer);
      fts.run(n, text.content, text.words);
    }
    db.prepare(`UPDATE "search_meta" SET value = ? WHERE key = 'tokeniser'`).run(String(TOKENISER_VERSION));
  })();
  // As npm run search:reindex leaves it: FTS5's segments merged into one.
  db.prepare(`INSERT INTO "search_fts" ("search_fts") VALUES ('optimize')`).run();
  db.close();
}

// COPY text format: tab-separated, \N for null, backslash escapes.
const copyValue = (value: string | number | null) =>
  value === null ? "\\N" : String(value).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

/** Loads a dataset into a migrated, empty PostgreSQL database with COPY. */
export async function generatePostgres(url: string, claims: number): Promise<void> {
  const target = parseDatabaseUrl(url);
  await migrate(target);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = buildRows(claims);
    const copy = async (table: string, columns: string[], rows: Iterable<(string | number | null)[]>) => {
      const stream = client.query(copyFrom(`COPY "${table}" (${quoted(columns)}) FROM STDIN`));
      const lines = function* () {
        for (const row of rows) yield `${row.map(copyValue).join("\t")}\n`;
      };
      await pipeline(Readable.from(lines()), stream);
    };
    for (const [table, { columns, rows }] of Object.entries(tables)) await copy(table, columns, rows);
    // As npm run search:reindex does: the GIN index built in bulk after the rows.
    await client.query(`DROP INDEX "search_index_tsv_idx"`);
    const index = function* () {
      for (const [type, id, text] of searchRows(tables)) yield [type, id, text.stemmer, text.tsvector];
    };
    await copy("search_index", ["entity_type", "entity_id", "stemmer", "tsv"], index());
    await client.query(`CREATE INDEX "search_index_tsv_idx" ON "search_index" USING GIN ("tsv") WITH (fastupdate = off)`);
    await client.query(`UPDATE "search_meta" SET value = $1 WHERE key = 'tokeniser'`, [String(TOKENISER_VERSION)]);
    // As a database in service would be: statistics gathered and the visibility map set, so that autovacuum does
    // not start on the freshly copied tables while the systems are measured, and index-only scans read no heap.
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
}
