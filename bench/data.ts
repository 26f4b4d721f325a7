import Database from "better-sqlite3";

import { parseDatabaseUrl } from "../src/db/databaseUrl.ts";
import { migrate } from "../src/db/migrate.ts";
import { createDb } from "../src/db/client.ts";
import { reindexAll } from "../src/search/search.index.ts";

// Deterministic benchmark data: the same inputs give the same rows. Sources
// with aliases, articles with long bodies, several claims per article, and
// appearances whose spans are real slices of the body.

const CLAIMS_PER_ARTICLE = 5;
const WORDS = ["trade", "tariff", "export", "rare", "earth", "chip", "summit", "minister", "talks", "agreement", "sanction", "market", "visa", "security", "deal"];

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

/** Creates a SQLite database at `file` with `claims` claims (batched inserts in one transaction). */
export async function generateSqlite(file: string, claims: number): Promise<void> {
  const target = parseDatabaseUrl(`file:${file}`);
  await migrate(target);
  const db = new Database(file);
  const rand = random(42);
  const now = new Date("2026-01-01T00:00:00Z").getTime();
  const articles = Math.ceil(claims / CLAIMS_PER_ARTICLE);
  const sources = Math.max(20, Math.ceil(claims / 200));
  const kinds = ["PERSON", "PERSON", "PERSON", "NEWS_OUTLET", "NEWS_AGENCY", "GOVERNMENT_BODY", "ORGANIZATION", "SOCIAL_PLATFORM"];
  const iso = (ms: number) => new Date(ms).toISOString();
  const insert = {
    source: db.prepare(`INSERT INTO "Source" (id, slug, name, kind, role, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    alias: db.prepare(`INSERT INTO "SourceAlias" (id, sourceId, alias, normalized, position) VALUES (?, ?, ?, ?, ?)`),
    article: db.prepare(`INSERT INTO "Article" (id, slug, title, body, language, publishedAt, publisherId, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'en', ?, ?, 1, ?, ?)`),
    claim: db.prepare(`INSERT INTO "Claim" (id, text, claimantId, cue, claimedAt, claimedAtPrecision, channelId, reportedById, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 'DAY', ?, ?, ?, ?)`),
    appearance: db.prepare(`INSERT INTO "Appearance" (id, articleId, claimId, quote, start, "end", kind, status, createdAt) VALUES (?, ?, ?, ?, ?, ?, 'REPORTED_SPEECH', 'ANCHORED', ?)`),
  };
  const sentence = (n: number) => {
    const words = Array.from({ length: 12 }, () => WORDS[Math.floor(rand() * WORDS.length)]);
    return `Speaker ${n} said that ${words.join(" ")}.`;
  };
  db.transaction(() => {
    for (let s = 0; s < sources; s++) {
      const name = `Source ${s}`;
      insert.source.run(id("src", s), `bench-source-${s}`, name, kinds[s % kinds.length], s % 3 ? null : "Spokesperson", iso(now), iso(now));
      insert.alias.run(id("alias", s * 2), id("src", s), name, name.toLowerCase(), 0);
      insert.alias.run(id("alias", s * 2 + 1), id("src", s), `S${s}`, `s${s}`, 1);
    }
    let claim = 0;
    for (let a = 0; a < articles; a++) {
      const filler = Array.from({ length: 30 }, (_, k) => sentence(a * 100 + k));
      const quotes = Array.from({ length: CLAIMS_PER_ARTICLE }, (_, k) => sentence(a * 1000 + k));
      const paragraphs = [...filler.slice(0, 15), ...quotes, ...filler.slice(15)];
      const body = paragraphs.join(" ");
      const published = now - a * 3_600_000;
      insert.article.run(id("art", a), `bench-article-${a}`, `Benchmark article ${a}`, body, iso(published), id("src", a % sources), iso(published), iso(published));
      for (const quote of quotes) {
        if (claim >= claims) break;
        const start = body.indexOf(quote);
        const claimant = Math.floor(rand() * sources);
        insert.claim.run(id("claim", claim), quote, id("src", claimant), "say", iso(published - 86_400_000), id("src", (claimant + 1) % sources), id("src", (claimant + 2) % sources), iso(published), iso(published));
        insert.appearance.run(id("app", claim), id("art", a), id("claim", claim), quote, start, start + quote.length, iso(published));
        claim++;
      }
    }
  })();
  db.close();
  const client = createDb(target, 1);
  await reindexAll(client);
  await client.$disconnect();
}
