import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "../db/client.ts";
import { UserInputError } from "../shared/errors.ts";
import { checkPageSize, decodeCursorParts, DEFAULT_PAGE_SIZE, encodeCursorParts } from "../db/pages.ts";
import { matchRanges, parseQuery, toFts5, toTsquery, type QueryItem } from "./search.query.ts";
import { SearchType } from "./search.type.ts";

export type SearchArgs = { query: string; types?: SearchType[] | null; first?: number | null; after?: string | null };
/** A ranked hit. `key` breaks rank ties: "type:id" on PostgreSQL, the index row on SQLite. */
export type Hit = { type: SearchType; id: string; rank: number; key: string };

const SNIPPET_RADIUS = 80;

/** The fields shown in snippets, in the order they are tried. */
export const SNIPPET_FIELDS: Record<SearchType, string[]> = {
  [SearchType.ARTICLE]: ["title", "summary", "body"],
  [SearchType.CLAIM]: ["text", "claimantDescription"],
  [SearchType.SOURCE]: ["name", "role", "description"],
};

type Cursor = { rank: number; key: string };

// A search cursor is the hit's position, ["search", rank, key], in the lists'
// opaque encoding (pagination.ts): the tag keeps list and search cursors apart.
const encodeCursor = (hit: Hit) => encodeCursorParts(["search", hit.rank, hit.key]);

function decodeCursor(cursor: string): Cursor {
  const parts = decodeCursorParts(cursor);
  if (Array.isArray(parts)) {
    const [tag, rank, key] = parts as unknown[];
    if (tag === "search" && typeof rank === "number" && Number.isFinite(rank) && typeof key === "string") return { rank, key };
  }
  throw new UserInputError('"after" is not a valid search cursor', "after");
}

const ALL_TYPES = Object.values(SearchType);

export class SearchService {
  constructor(private readonly db: Db) {}

  cursorOf(hit: Hit): string {
    return encodeCursor(hit);
  }

  /**
   * Ranked hits. Ranks are "lower is better" on both backends (negated
   * ts_rank_cd on PostgreSQL, bm25 on SQLite); ties break by type and id on
   * PostgreSQL and by index row on SQLite, and
   * the cursor holds that position, so pages do not overlap.
   */
  async search(args: SearchArgs): Promise<{ hits: Hit[]; hasNextPage: boolean; items: QueryItem[]; count: () => Promise<number> }> {
    const items = parseQuery(args.query);
    const types = args.types?.length ? [...new Set(args.types)] : ALL_TYPES;
    checkPageSize("first", args.first);
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    const cursor = args.after == null ? undefined : decodeCursor(args.after);
    const hits = this.db.provider === "postgresql" ? await this.postgresHits(items, types, first, cursor) : await this.sqliteHits(items, types, first, cursor);
    // Over every type, SQLite counts matches without reading the type column of each.
    const counted =
      this.db.provider === "sqlite" && types.length === ALL_TYPES.length
        ? Prisma.sql`SELECT count(*) AS n FROM "search_fts" WHERE search_fts MATCH ${toFts5(items)}`
        : Prisma.sql`SELECT count(*) AS n FROM (${this.hitsSql(items, types)}) AS h`;
    return {
      hits: hits.slice(0, first),
      hasNextPage: hits.length > first,
      items,
      count: async () => {
        const [{ n }] = await this.db.$queryRaw<[{ n: number | bigint }]>(counted);
        return Number(n);
      },
    };
  }

  private async postgresHits(items: QueryItem[], types: SearchType[], first: number, cursor: Cursor | undefined): Promise<Hit[]> {
    const after = cursor ? Prisma.sql`WHERE h.rank > ${cursor.rank} OR (h.rank = ${cursor.rank} AND h.type || ':' || h.id > ${cursor.key})` : Prisma.empty;
    const rows = await this.db.$queryRaw<
      { type: string; id: string; rank: number }[]
    >`SELECT h.type, h.id, h.rank FROM (${this.hitsSql(items, types)}) AS h ${after} ORDER BY h.rank, h.type, h.id LIMIT ${first + 1}`;
    return rows.map((row) => ({ type: row.type as SearchType, id: row.id, rank: Number(row.rank), key: `${row.type}:${row.id}` }));
  }

  /**
   * SQLite ranks by bm25 and breaks ties by the index row, then reads type and
   * id for the kept rows only: reading them for every match (to filter or to
   * break ties) made a common word 7× slower at a million rows.
   */
  private async sqliteHits(items: QueryItem[], types: SearchType[], first: number, cursor: Cursor | undefined): Promise<Hit[]> {
    if (cursor && !/^\d+$/.test(cursor.key)) throw new UserInputError('"after" is not a valid search cursor', "after");
    const ofTypes = types.length === ALL_TYPES.length ? Prisma.empty : Prisma.sql` AND entity_type IN (${Prisma.join(types)})`;
    const after = cursor ? Prisma.sql` WHERE h.rank > ${cursor.rank} OR (h.rank = ${cursor.rank} AND h.rid > ${Number(cursor.key)})` : Prisma.empty;
    const ranked = await this.db.$queryRaw<
      { rid: number | bigint; rank: number }[]
    >`SELECT h.rid, h.rank FROM (SELECT rowid AS rid, bm25(search_fts) AS rank FROM "search_fts" WHERE search_fts MATCH ${toFts5(items)}${ofTypes}) AS h${after} ORDER BY h.rank, h.rid LIMIT ${first + 1}`;
    if (!ranked.length) return [];
    const rows = await this.db.$queryRaw<
      { rid: number | bigint; type: string; id: string }[]
    >`SELECT rowid AS rid, entity_type AS type, entity_id AS id FROM "search_fts" WHERE rowid IN (${Prisma.join(ranked.map((r) => r.rid))})`;
    const byRow = new Map(rows.map((r) => [String(r.rid), r]));
    return ranked.map((r) => {
      const row = byRow.get(String(r.rid))!;
      return { type: row.type as SearchType, id: row.id, rank: Number(r.rank), key: String(r.rid) };
    });
  }

  /** Every hit of `items` among `types`, with its rank; the query text is always a parameter (toFts5, toTsquery quote it). */
  private hitsSql(items: QueryItem[], types: SearchType[]): Prisma.Sql {
    if (this.db.provider === "postgresql") {
      return Prisma.sql`SELECT s."entity_type" AS type, s."entity_id" AS id, -ts_rank_cd(s."tsv", q)::float8 AS rank
              FROM "search_index" s, to_tsquery('simple', ${toTsquery(items)}) q
              WHERE s."tsv" @@ q AND s."entity_type" IN (${Prisma.join(types)})`;
    }
    return Prisma.sql`SELECT entity_type AS type, entity_id AS id, bm25(search_fts) AS rank
            FROM "search_fts" WHERE search_fts MATCH ${toFts5(items)} AND entity_type IN (${Prisma.join(types)})`;
  }
}

/** The snippet of a found row: the first shown field that matches, cut around its first match. */
export function snippetOf(row: Record<string, unknown>, type: SearchType, items: QueryItem[]) {
  for (const field of SNIPPET_FIELDS[type]) {
    const value = row[field];
    if (typeof value !== "string" || !value) continue;
    const matches = matchRanges(value, items);
    const [first] = matches;
    if (!first) continue;
    const from = Math.max(0, first.start - SNIPPET_RADIUS);
    const to = Math.min(value.length, first.end + SNIPPET_RADIUS);
    // Cut at word boundaries when the window is inside the text.
    const start = from === 0 ? 0 : Math.min(first.start, value.indexOf(" ", from) + 1 || from);
    const endSpace = value.lastIndexOf(" ", to);
    const end = to === value.length ? to : Math.max(first.end, endSpace > start ? endSpace : to);
    const prefix = start > 0 ? "…" : "";
    const text = prefix + value.slice(start, end).replace(/\s+/g, (ws) => (ws.includes("\n") ? " ".repeat(ws.length) : ws)) + (end < value.length ? "…" : "");
    const highlights = matches
      .filter((m) => m.start >= start && m.end <= end)
      .map((m) => ({ start: m.start - start + prefix.length, end: m.end - start + prefix.length }));
    return { field, text, highlights, matches };
  }
  return null;
}
