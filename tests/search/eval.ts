import "reflect-metadata";

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createDb, type Db } from "../../src/db/client.ts";
import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";
import { migrate } from "../../src/db/migrate.ts";
import { indexArticles, reindexAll } from "../../src/search/search.index.ts";
import { SearchService } from "../../src/search/search.service.ts";
import type { SearchSettings } from "../../src/search/search.settings.ts";
import { tokeniserOptions } from "../../src/search/search.text.ts";
import { loadSeeds, readSeed, seedNames } from "../../seeds/load.ts";

// npm run eval:search [-- --queries]
// Scores search against the labelled relevance set (relevance/judgments.json)
// over the seed data and the generated documents of relevance/corpus.json, in a
// scratch SQLite database: nDCG@10 (graded: 2 about it, 1 related) and
// recall@100 (any grade), averaged over the queries, before and after stemming
// (the index rebuilt each way) and with every match ranked or a small window
// (the corpus is small: a window of 3, against at most 9 matches, stands for
// 10,000 among a million; it leaves out the older matches of common words). --queries adds a row per query.

const HERE = import.meta.dirname;
type Judged = { query: string; relevant: Record<string, number> };
type Corpus = { articles: { slug: string; title: string; body: string }[] };
const judgments = (JSON.parse(readFileSync(join(HERE, "relevance/judgments.json"), "utf8")) as { queries: Judged[] }).queries;
const corpus = JSON.parse(readFileSync(join(HERE, "relevance/corpus.json"), "utf8")) as Corpus;

/** Loads the seeds and the corpus; returns how to name a hit by the relevance set's keys. */
async function load(db: Db): Promise<(type: string, id: string) => string> {
  await loadSeeds(db);
  for (const doc of corpus.articles) {
    const { id } = await db.article.create({ data: { slug: doc.slug, title: doc.title, body: doc.body, language: "en" } });
    await indexArticles(db, [id]);
  }
  const names = new Map<string, string>();
  for (const a of await db.article.findMany({ select: { id: true, slug: true } })) names.set(`Article:${a.id}`, `article:${a.slug}`);
  for (const s of await db.source.findMany({ select: { id: true, slug: true } })) names.set(`Source:${s.id}`, `source:${s.slug}`);
  const claims = await db.claim.findMany({ select: { id: true, text: true } });
  for (const name of seedNames()) {
    const seed = readSeed(name);
    seed.claims.forEach((claim, i) => {
      const row = claims.find((c) => c.text === claim.text);
      if (row) names.set(`Claim:${row.id}`, `claim:${seed.article.slug}#${i}`);
    });
  }
  return (type, id) => names.get(`${type}:${id}`) ?? `${type.toLowerCase()}:${id}`;
}

const gain = (grade: number) => 2 ** grade - 1;
const dcg = (grades: number[]) => grades.reduce((sum, grade, i) => sum + gain(grade) / Math.log2(i + 2), 0);

export type QueryScore = { query: string; ndcg10: number; recall100: number; hits: number };

export function scoreRanking(ranked: string[], relevant: Record<string, number>): { ndcg10: number; recall100: number } {
  const ideal = dcg(
    Object.values(relevant)
      .sort((a, b) => b - a)
      .slice(0, 10),
  );
  const ndcg10 = ideal ? dcg(ranked.slice(0, 10).map((key) => relevant[key] ?? 0)) / ideal : 0;
  const wanted = Object.keys(relevant);
  const top = new Set(ranked.slice(0, 100));
  const recall100 = wanted.length ? wanted.filter((key) => top.has(key)).length / wanted.length : 0;
  return { ndcg10, recall100 };
}

async function evaluate(db: Db, name: (type: string, id: string) => string, settings: SearchSettings): Promise<QueryScore[]> {
  const search = new SearchService(db, settings);
  const scores: QueryScore[] = [];
  for (const { query, relevant } of judgments) {
    const { hits } = await search.search({ query, first: 100 });
    const ranked = hits.map((hit) => name(hit.type, hit.id));
    scores.push({ query, hits: hits.length, ...scoreRanking(ranked, relevant) });
  }
  return scores;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const EXACT: SearchSettings = { rankWindow: 10_000, countCap: 10_000 };
const WINDOW_3: SearchSettings = { rankWindow: 3, countCap: 10_000 };

async function main() {
  const perQuery = process.argv.includes("--queries");
  const dir = mkdtempSync(join(tmpdir(), "claimgraph-eval-search-"));
  try {
    const target = parseDatabaseUrl(`file:${join(dir, "eval.db")}`);
    await migrate(target);
    const db = await createDb(target, 1);
    const name = await load(db);
    const runs: { label: string; scores: QueryScore[] }[] = [];
    for (const stemming of [false, true]) {
      tokeniserOptions.stemming = stemming;
      await reindexAll(db);
      for (const [window, settings] of [
        ["every match ranked", EXACT],
        ["window of 3", WINDOW_3],
      ] as const) {
        runs.push({ label: `${stemming ? "stemming" : "no stemming"}, ${window}`, scores: await evaluate(db, name, settings) });
      }
    }
    tokeniserOptions.stemming = true;
    await db.$disconnect();
    console.log(`${judgments.length} queries over ${corpus.articles.length} generated articles and the seed data (SQLite).\n`);
    console.log("| run | nDCG@10 | recall@100 |\n|---|---|---|");
    for (const run of runs) {
      console.log(`| ${run.label} | ${mean(run.scores.map((s) => s.ndcg10)).toFixed(3)} | ${mean(run.scores.map((s) => s.recall100)).toFixed(3)} |`);
    }
    if (perQuery) {
      console.log(`\n| query | ${runs.map((r) => r.label).join(" | ")} |\n|---|${runs.map(() => "---|").join("")}`);
      judgments.forEach((j, i) => {
        console.log(`| ${j.query} | ${runs.map((r) => `${r.scores[i]!.ndcg10.toFixed(2)} / ${r.scores[i]!.recall100.toFixed(2)}`).join(" | ")} |`);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
