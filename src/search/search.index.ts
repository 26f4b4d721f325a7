import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "../db/client.ts";
import type { Tx } from "../db/transaction.ts";
import { indexText, type IndexedText, TOKENISER_VERSION } from "./search.text.ts";

// Keeping the full-text index in sync. Writes call these inside their own
// transaction, so the index never disagrees with committed data.
//
// SQLite: `search_rows` (one row per document: its type, id and stemmer, keyed
// by an integer that is also its FTS5 rowid) and `search_fts`, a contentless
// FTS5 table over the index forms (`content`) and the differing written words
// (`words`). PostgreSQL: `search_index`, one row per document with a `seq`
// and a tsvector built by search.text.ts, under a GIN index. On both, a row
// written later has a higher number (`id` / `seq`): that is the order in which
// ranking takes candidates when a query matches more rows than its window.

// Mirrors the SearchType enum values in search.type.ts (kept apart: this file has no GraphQL imports).
export type IndexedType = "Article" | "Claim" | "Source";
type Handle = Tx | Db;
type Entry = { type: IndexedType; id: string; text: IndexedText };

/** Rows written per statement (SQLite caps bound parameters at 32,766; PostgreSQL at 65,535). */
const CHUNK = 500;

/** In the order of `ids`: findMany returns rows in an order of its own. */
const inOrder = <T extends { id: string }>(rows: T[], ids: string[]) => {
  const at = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
};

/** Replaces the index rows of these documents: each becomes the newest row, in the order given. */
async function put(tx: Handle, entries: Entry[]) {
  if (!entries.length) return;
  for (let at = 0; at < entries.length; at += CHUNK) {
    const chunk = entries.slice(at, at + CHUNK);
    if (tx.provider === "postgresql") {
      const values = chunk.map((e) => Prisma.sql`(${e.type}, ${e.id}, ${e.text.stemmer}, ${e.text.tsvector}::tsvector)`);
      await tx.$executeRaw`INSERT INTO "search_index" ("entity_type", "entity_id", "stemmer", "tsv") VALUES ${Prisma.join(values)}
         ON CONFLICT ("entity_type", "entity_id") DO UPDATE SET "stemmer" = EXCLUDED."stemmer", "tsv" = EXCLUDED."tsv", "seq" = DEFAULT`;
      continue;
    }
    for (const type of new Set(chunk.map((e) => e.type))) {
      await unindex(
        tx,
        type,
        chunk.filter((e) => e.type === type).map((e) => e.id),
      );
    }
    const [{ next }] = await tx.$queryRaw<[{ next: number | bigint }]>`SELECT coalesce(max(id), 0) + 1 AS next FROM "search_rows"`;
    const first = Number(next);
    const rows = chunk.map((e, i) => Prisma.sql`(${first + i}, ${e.type}, ${e.id}, ${e.text.stemmer})`);
    await tx.$executeRaw`INSERT INTO "search_rows" (id, entity_type, entity_id, stemmer) VALUES ${Prisma.join(rows)}`;
    const docs = chunk.map((e, i) => Prisma.sql`(${first + i}, ${e.text.content}, ${e.text.words})`);
    await tx.$executeRaw`INSERT INTO "search_fts" (rowid, content, words) VALUES ${Prisma.join(docs)}`;
  }
}

export async function unindex(tx: Handle, type: IndexedType, ids: string[]) {
  if (ids.length === 0) return;
  if (tx.provider === "postgresql") {
    await tx.$executeRaw`DELETE FROM "search_index" WHERE entity_type = ${type} AND entity_id IN (${Prisma.join(ids)})`;
    return;
  }
  const rows = await tx.$queryRaw<{ id: number | bigint }[]>`SELECT id FROM "search_rows" WHERE entity_type = ${type} AND entity_id IN (${Prisma.join(ids)})`;
  if (!rows.length) return;
  const numbers = rows.map((r) => Number(r.id));
  await tx.$executeRaw`DELETE FROM "search_fts" WHERE rowid IN (${Prisma.join(numbers)})`;
  await tx.$executeRaw`DELETE FROM "search_rows" WHERE id IN (${Prisma.join(numbers)})`;
}

export async function indexArticles(tx: Handle, ids: string[]) {
  const articles = await tx.article.findMany({ where: { id: { in: ids } } });
  await put(
    tx,
    inOrder(articles, ids).map((a) => ({ type: "Article", id: a.id, text: indexText(a.language, a.title, a.summary, a.body) })),
  );
}

/** A claim takes the language of the article it first appeared in (English when it has none). */
export async function indexClaims(tx: Handle, ids: string[]) {
  const claims = await tx.claim.findMany({
    where: { id: { in: ids } },
    include: { appearances: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 1, select: { article: { select: { language: true } } } } },
  });
  await put(
    tx,
    inOrder(claims, ids).map((c) => ({
      type: "Claim",
      id: c.id,
      text: indexText(c.appearances[0]?.article?.language, c.text, c.claimantDescription, c.cue),
    })),
  );
}

/** Sources are English. */
export async function indexSources(tx: Handle, ids: string[]) {
  const sources = await tx.source.findMany({ where: { id: { in: ids } }, include: { aliases: { orderBy: { position: "asc" } } } });
  await put(
    tx,
    inOrder(sources, ids).map((s) => ({ type: "Source", id: s.id, text: indexText("en", s.name, ...s.aliases.map((a) => a.alias), s.role, s.description) })),
  );
}

/** The claims that appear in these articles (their language may follow an article's). */
export async function claimsOfArticles(tx: Handle, articleIds: string[]): Promise<string[]> {
  const rows = await tx.appearance.findMany({ where: { articleId: { in: articleIds } }, select: { claimId: true }, distinct: ["claimId"] });
  return rows.map((r) => r.claimId);
}

/** The tokeniser version the index was built with; 0 when it was never built (a migration left it empty). */
export async function indexVersion(db: Db): Promise<number> {
  const rows = await db.$queryRaw<{ value: string }[]>`SELECT value FROM "search_meta" WHERE key = 'tokeniser'`;
  return Number(rows[0]?.value ?? 0);
}

async function setIndexVersion(db: Db, version: number) {
  await db.$executeRaw`UPDATE "search_meta" SET value = ${String(version)} WHERE key = 'tokeniser'`;
}

type Doc = { type: IndexedType; id: string; createdAt: Date };

/** Every document of one kind, oldest first, read in batches by keyset (memory stays flat at any size). */
async function* oldestFirst(db: Db, type: IndexedType, batch: number): AsyncGenerator<Doc> {
  const table = { Article: db.article, Claim: db.claim, Source: db.source }[type] as unknown as {
    findMany(args: object): Promise<{ id: string; createdAt: Date }[]>;
  };
  let after: { id: string; createdAt: Date } | undefined;
  for (;;) {
    const rows = await table.findMany({
      select: { id: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: batch,
      ...(after ? { where: { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } } : {}),
    });
    for (const row of rows) yield { type, ...row };
    if (rows.length < batch) return;
    after = rows.at(-1);
  }
}

/**
 * Every document, oldest first across the three kinds (a merge of their streams by createdAt, then id), in
 * batches: rebuilt rows keep the order in which they were written, which windowed rankings go by.
 */
async function* batches(db: Db, batch: number): AsyncGenerator<Doc[]> {
  const streams = (["Source", "Article", "Claim"] as const).map((type) => oldestFirst(db, type, batch));
  const heads = await Promise.all(streams.map(async (stream) => (await stream.next()).value as Doc | undefined));
  let out: Doc[] = [];
  for (;;) {
    let pick = -1;
    heads.forEach((head, i) => {
      const best = pick < 0 ? undefined : heads[pick];
      if (head && (!best || head.createdAt < best.createdAt || (+head.createdAt === +best.createdAt && head.id < best.id))) pick = i;
    });
    if (pick < 0) break;
    out.push(heads[pick]!);
    heads[pick] = (await streams[pick]!.next()).value as Doc | undefined;
    if (out.length >= batch) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}

const INDEXERS: Record<IndexedType, (tx: Handle, ids: string[]) => Promise<void>> = {
  Article: indexArticles,
  Claim: indexClaims,
  Source: indexSources,
};

/** Indexes documents in their order: each run of one kind in one call. */
async function indexInOrder(tx: Handle, docs: Doc[]) {
  for (let at = 0; at < docs.length; ) {
    let end = at + 1;
    while (end < docs.length && docs[end]!.type === docs[at]!.type) end++;
    await INDEXERS[docs[at]!.type](
      tx,
      docs.slice(at, end).map((d) => d.id),
    );
    at = end;
  }
}

export type ReindexProgress = (done: number, total: number) => void;

/**
 * Rebuilds the whole index with the current tokeniser: empties it, then
 * indexes every document, oldest first, in batches of their own transactions (a write
 * meanwhile indexes its rows itself; a batch that reaches them again replaces
 * them). Searches see a partial index until it ends. Returns the rows indexed.
 */
export async function reindexAll(db: Db, onProgress: ReindexProgress = () => {}, batch = 500): Promise<number> {
  const total = (await db.article.count()) + (await db.claim.count()) + (await db.source.count());
  await setIndexVersion(db, 0);
  // PostgreSQL: the GIN index is built once at the end, in bulk (many times faster than row by row).
  if (db.provider === "postgresql") {
    await db.$executeRaw`TRUNCATE "search_index"`;
    await db.$executeRaw`DROP INDEX IF EXISTS "search_index_tsv_idx"`;
  } else {
    await db.$executeRaw`INSERT INTO "search_fts" ("search_fts") VALUES ('delete-all')`;
    await db.$executeRaw`DELETE FROM "search_rows"`;
  }
  let done = 0;
  onProgress(0, total);
  for await (const docs of batches(db, batch)) {
    const provider = db.provider;
    await db.$transaction(async (raw) => indexInOrder(Object.assign(raw, { provider }), docs), { timeout: 600_000 });
    done += docs.length;
    onProgress(Math.min(done, total), total);
  }
  // SQLite: merge FTS5's segments into one, as a bulk load leaves many; PostgreSQL: fresh statistics for the planner.
  if (db.provider === "sqlite") await db.$executeRaw`INSERT INTO "search_fts" ("search_fts") VALUES ('optimize')`;
  else {
    await db.$executeRaw`CREATE INDEX IF NOT EXISTS "search_index_tsv_idx" ON "search_index" USING GIN ("tsv") WITH (fastupdate = off)`;
    await db.$executeRaw`ANALYZE "search_index"`;
  }
  await setIndexVersion(db, TOKENISER_VERSION);
  return done;
}

/**
 * The migration step: rebuilds the index when it was built by another
 * tokeniser version or never (a migration that reshapes the index leaves it
 * empty at version 0). One row read when there is nothing to do.
 */
export async function ensureSearchIndex(db: Db, onProgress?: ReindexProgress): Promise<number | null> {
  if ((await indexVersion(db)) === TOKENISER_VERSION) return null;
  return reindexAll(db, onProgress);
}

/** Marks the index as built by this tokeniser (for bulk loaders that write index rows themselves). */
export const markIndexCurrent = (db: Db) => setIndexVersion(db, TOKENISER_VERSION);
