import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "../db/client.ts";
import type { Provider } from "../db/databaseUrl.ts";
import type { Tx } from "../db/transaction.ts";
import { indexText } from "./search.query.ts";

// Keeping the full-text index in sync. Writes call these inside their own
// transaction, so the index never disagrees with committed data.

// Mirrors the SearchType enum values in search.type.ts (kept apart: this file has no GraphQL imports).
export type IndexedType = "Article" | "Claim" | "Source";
type Handle = Tx | Db;

/** The index table of each backend: FTS5 on SQLite, a tsvector table on PostgreSQL. */
const INDEX_TABLE: Record<Provider, Prisma.Sql> = { postgresql: Prisma.sql`"search_index"`, sqlite: Prisma.sql`"search_fts"` };

async function put(tx: Handle, type: IndexedType, id: string, content: string) {
  if (tx.provider === "postgresql") {
    await tx.$executeRaw`INSERT INTO "search_index" ("entity_type", "entity_id", "content") VALUES (${type}, ${id}, ${content})
       ON CONFLICT ("entity_type", "entity_id") DO UPDATE SET "content" = EXCLUDED."content"`;
  } else {
    await tx.$executeRaw`DELETE FROM "search_fts" WHERE entity_type = ${type} AND entity_id = ${id}`;
    await tx.$executeRaw`INSERT INTO "search_fts" (entity_type, entity_id, content) VALUES (${type}, ${id}, ${content})`;
  }
}

export async function unindex(tx: Handle, type: IndexedType, ids: string[]) {
  if (ids.length === 0) return;
  await tx.$executeRaw`DELETE FROM ${INDEX_TABLE[tx.provider]} WHERE entity_type = ${type} AND entity_id IN (${Prisma.join(ids)})`;
}

export async function indexArticles(tx: Handle, ids: string[]) {
  for (const a of await tx.article.findMany({ where: { id: { in: ids } } })) {
    await put(tx, "Article", a.id, indexText(a.title, a.summary, a.body));
  }
}

export async function indexClaims(tx: Handle, ids: string[]) {
  for (const c of await tx.claim.findMany({ where: { id: { in: ids } } })) {
    await put(tx, "Claim", c.id, indexText(c.text, c.claimantDescription, c.cue));
  }
}

export async function indexSources(tx: Handle, ids: string[]) {
  const sources = await tx.source.findMany({ where: { id: { in: ids } }, include: { aliases: { orderBy: { position: "asc" } } } });
  for (const s of sources) {
    await put(tx, "Source", s.id, indexText(s.name, ...s.aliases.map((a) => a.alias), s.role, s.description));
  }
}

/** Rebuilds the whole index, e.g. for a database written before search existed. */
export async function reindexAll(db: Db): Promise<number> {
  const provider = db.provider;
  const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id);
  const articles = await ids(db.article.findMany({ select: { id: true } }));
  const claims = await ids(db.claim.findMany({ select: { id: true } }));
  const sources = await ids(db.source.findMany({ select: { id: true } }));
  await db.$transaction(
    async (raw) => {
      const tx = Object.assign(raw, { provider });
      await tx.$executeRaw`DELETE FROM ${INDEX_TABLE[provider]}`;
      await indexArticles(tx, articles);
      await indexClaims(tx, claims);
      await indexSources(tx, sources);
    },
    { timeout: 600_000 },
  );
  return articles.length + claims.length + sources.length;
}

/** True when rows exist but the index is empty: the database predates search. */
export async function indexNeedsBuilding(db: Db): Promise<boolean> {
  const [{ n }] = await db.$queryRaw<[{ n: number | bigint }]>`SELECT count(*) AS n FROM ${INDEX_TABLE[db.provider]}`;
  if (Number(n) > 0) return false;
  return (await db.article.count()) + (await db.claim.count()) + (await db.source.count()) > 0;
}
