import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "../db/client.ts";
import { UserInputError } from "../shared/errors.ts";
import { checkPageSize, decodeCursorParts, DEFAULT_PAGE_SIZE, encodeCursorParts } from "../db/pages.ts";
import { MAX_PREFIX_TERMS, matchRanges, parseQuery, prefixesOf, toFts5, toTsquery, toTsRankQuery, type ParsedQuery, type PrefixTerms } from "./search.query.ts";
import { DEFAULT_SEARCH_SETTINGS, type SearchSettings } from "./search.settings.ts";
import type { Stemmer } from "./search.text.ts";
import { SearchType } from "./search.type.ts";

export type SearchArgs = {
  query: string;
  types?: SearchType[] | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
};

/** A ranked hit: `rank` is lower-is-better, `row` its index row (a later write has a higher one; it breaks rank ties). */
export type Hit = { type: SearchType; id: string; rank: number; row: number; stemmer: Stemmer };

export type Ranking = "EXACT" | "WINDOWED";

export type SearchPage = {
  hits: Hit[];
  query: ParsedQuery;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** EXACT: every match was ranked. WINDOWED: only the newest `rankingWindow` matches were. */
  ranking: Ranking;
  rankingWindow: number | null;
  /** Whether count() is the exact number of matches (else an estimate above the cap). */
  totalCountIsExact: boolean;
  count: () => Promise<number>;
  cursorOf: (hit: Hit) => string;
};

const SNIPPET_RADIUS = 80;

/** The fields shown in snippets, in the order they are tried. */
export const SNIPPET_FIELDS: Record<SearchType, string[]> = {
  [SearchType.ARTICLE]: ["title", "summary", "body"],
  [SearchType.CLAIM]: ["text", "claimantDescription"],
  [SearchType.SOURCE]: ["name", "role", "description"],
};

/**
 * Where a hit sits in one ranking: its rank and row, and the ranking's bounds,
 * the newest index row it considers (`hi`, fixed by its first page, so rows
 * written later do not shift its pages) and, when windowed, the oldest (`lo`).
 */
type Cursor = { rank: number; row: number; hi: number; lo: number | null };

const isRow = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 1;

function decodeCursor(cursor: string, field: "after" | "before"): Cursor {
  const parts = decodeCursorParts(cursor);
  if (Array.isArray(parts) && parts.length === 5) {
    const [tag, rank, row, hi, lo] = parts as unknown[];
    if (
      tag === "search" &&
      typeof rank === "number" &&
      Number.isFinite(rank) &&
      isRow(row) &&
      isRow(hi) &&
      row <= hi &&
      (lo === null || (isRow(lo) && lo <= row))
    ) {
      return { rank, row, hi, lo };
    }
  }
  throw new UserInputError(`"${field}" is not a valid search cursor`, field);
}

const ALL_TYPES = Object.values(SearchType);

/** Two significant digits: an estimate should not look like a count. */
const roughly = (n: number) => {
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / scale) * scale;
};

type Probe = { n: number; top: number | null; bottom: number | null; floor: number | null; oldest: number | null };
type Raw = Pick<Db, "$queryRaw">;

export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly settings: SearchSettings = DEFAULT_SEARCH_SETTINGS,
  ) {}

  /**
   * One page of ranked hits. Ranks are lower-is-better on both backends
   * (bm25 on SQLite, negated ts_rank_cd on PostgreSQL); ties break by index
   * row. First a probe reads the newest matching index rows, in index order,
   * up to max(window, cap) + 1: it counts (exactly, when it stops short) and
   * finds the window. A query with at most `rankWindow` matches ranks them all
   * (EXACT); one with more ranks only its newest `rankWindow` (WINDOWED). The
   * cursor holds the hit's place and the ranking's bounds, so later pages,
   * forward or backward, rank the same candidates.
   */
  async search(args: SearchArgs): Promise<SearchPage> {
    const query = parseQuery(args.query);
    const types = args.types?.length ? [...new Set(args.types)] : ALL_TYPES;
    const { first, last, after, before } = args;
    if (first != null && last != null) throw new UserInputError("Pass either first or last, not both", "last");
    if (after != null && before != null) throw new UserInputError("Pass either after or before, not both", "before");
    if (last != null && after != null) throw new UserInputError("last pages backward: combine it with before, not after", "after");
    if (first != null && before != null) throw new UserInputError("first pages forward: combine it with after, not before", "before");
    checkPageSize("first", first);
    checkPageSize("last", last);
    const backward = last != null || before != null;
    const limit = (backward ? last : first) ?? DEFAULT_PAGE_SIZE;
    const cursor = before != null ? decodeCursor(before, "before") : after != null ? decodeCursor(after, "after") : undefined;

    const { rankWindow, countCap } = this.settings;
    const probeLimit = Math.max(rankWindow, countCap) + 1;
    const { probe, rows, hi, lo, windowed } = await this.read(async (raw) => {
      if (this.db.provider === "sqlite") return this.sqliteProbeAndRank(query, types, probeLimit, limit + 1, backward, cursor);
      const probe = await this.probe(raw, query, types, probeLimit, cursor?.hi);
      const windowed = probe.n > rankWindow || cursor?.lo != null;
      const hi = cursor?.hi ?? probe.top ?? 0;
      // A cursor's window is kept, but never widened past the newest rankWindow matches: a cursor cannot buy more ranking work.
      const lo = windowed ? Math.max(cursor?.lo ?? 0, probe.floor ?? 0) : null;
      const rows = probe.n === 0 ? [] : await this.ranked(raw, query, types, { hi, lo }, limit + 1, backward, cursor);
      return { probe, rows, hi, lo, windowed };
    });
    const exactCount = probe.n < probeLimit;
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    if (backward) page.reverse();
    const hits = await this.describe(page);
    const encode = (hit: Hit) => encodeCursorParts(["search", hit.rank, hit.row, hi, lo]);
    return {
      hits,
      query,
      // Past a cursor there is its own hit at least, so the other direction has a page too.
      hasNextPage: backward ? before != null : hasMore,
      hasPreviousPage: backward ? hasMore : after != null,
      ranking: windowed ? "WINDOWED" : "EXACT",
      rankingWindow: windowed ? rankWindow : null,
      totalCountIsExact: exactCount,
      count: async () => (exactCount ? probe.n : this.estimate(probe, countCap)),
      cursorOf: encode,
    };
  }

  /**
   * Runs the probe and the rank; on PostgreSQL in one transaction, in which the probe keeps the planner off ordered
   * index scans: walking the seq index newest first and testing each row's tsvector costs a detoast per row, and a
   * word in 5% of rows would read 20 rows per match; bitmaps of the GIN index and a seq range read only matches.
   */
  private async read<T>(work: (raw: Raw) => Promise<T>): Promise<T> {
    if (this.db.provider !== "postgresql") return work(this.db);
    return this.db.$transaction(async (tx) => work(tx));
  }

  /**
   * SQLite in one statement: FTS5 reads the newest matches once, newest first (its fastest path: a rowid range is
   * several times slower), computing bm25 as it goes; the window, the counts and the page come from those rows.
   */
  private async sqliteProbeAndRank(query: ParsedQuery, types: SearchType[], probeLimit: number, take: number, backward: boolean, cursor: Cursor | undefined) {
    const window = this.settings.rankWindow;
    const below = cursor ? Prisma.sql` AND "search_fts".rowid <= ${cursor.hi}` : Prisma.empty;
    const kept = cursor?.lo != null ? Prisma.sql` WHERE w.r >= ${cursor.lo}` : Prisma.empty;
    const dir = backward ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const cmp = backward ? Prisma.sql`<` : Prisma.sql`>`;
    const [at, after] = cursor
      ? [
          Prisma.sql`, (SELECT coalesce((SELECT w.rank FROM w WHERE w.r = ${cursor.row}), ${cursor.rank}) AS rank) AS c`,
          Prisma.sql` WHERE h.rank ${cmp} c.rank OR (h.rank = c.rank AND h.r ${cmp} ${cursor.row})`,
        ]
      : [Prisma.empty, Prisma.empty];
    const match = toFts5(query, await this.sqlitePrefixTerms(query));
    const rows = await this.db.$queryRaw<{ n: unknown; top: unknown; bottom: unknown; floor: unknown; r: unknown; rank: number | null }[]>`
      WITH m AS MATERIALIZED (
        SELECT "search_fts".rowid AS r, bm25("search_fts") AS rank FROM "search_fts"${this.sqliteJoin(types)}
        WHERE "search_fts" MATCH ${match}${this.typeFilter(types)}${below}
        ORDER BY "search_fts".rowid DESC LIMIT ${probeLimit}),
      s AS (SELECT count(*) AS n, max(r) AS top, min(r) AS bottom FROM m),
      w AS MATERIALIZED (SELECT w.r, w.rank FROM (SELECT r, rank FROM m ORDER BY r DESC LIMIT ${window}) AS w${kept}),
      p AS (SELECT h.r, h.rank FROM w AS h${at}${after} ORDER BY h.rank ${dir}, h.r ${dir} LIMIT ${take})
      SELECT s.n, s.top, s.bottom, (SELECT min(r) FROM w) AS floor, p.r, p.rank FROM s LEFT JOIN p ON 1 = 1
      ORDER BY p.rank ${dir}, p.r ${dir}`;
    const num = (value: unknown) => (value == null ? null : Number(value));
    const first = rows[0];
    const probe: Probe = { n: Number(first?.n ?? 0), top: num(first?.top), bottom: num(first?.bottom), floor: num(first?.floor), oldest: null };
    const windowed = probe.n > window || cursor?.lo != null;
    return {
      probe,
      rows: rows.filter((row) => row.r != null).map((row) => ({ row: Number(row.r), rank: Number(row.rank) })),
      hi: cursor?.hi ?? probe.top ?? 0,
      lo: windowed ? probe.floor : null,
      windowed,
    };
  }

  /**
   * The index terms each prefix of the query stands for, from FTS5's term list (an fts5vocab table over search_fts,
   * in the connection's temp schema), when there are at most MAX_PREFIX_TERMS: FTS5 reads a prefix by merging the
   * doclists of all its terms into one before the first row, and bm25 merges them again to count the rows; an OR of
   * the terms reads newest first and stops (`"rare earth" export*` at 1M index rows: 400 → 240 ms). Reading the list
   * costs a pass over each listed term's doclist (fts5vocab counts its rows), less than one merge.
   */
  private async sqlitePrefixTerms(query: ParsedQuery): Promise<PrefixTerms | undefined> {
    const prefixes = prefixesOf(query);
    if (!prefixes.length) return undefined;
    await this.db.$executeRaw`CREATE VIRTUAL TABLE IF NOT EXISTS temp."search_fts_terms" USING fts5vocab(main, 'search_fts', 'row')`;
    const terms = new Map<string, string[]>();
    for (const prefix of prefixes) {
      // Every term from `prefix` to `prefix` followed by the last code point: the terms that start with it, in order.
      const found = await this.db.$queryRaw<{ term: string }[]>`
        SELECT term FROM temp."search_fts_terms" WHERE term >= ${prefix} AND term <= ${`${prefix}\u{10FFFF}`} LIMIT ${MAX_PREFIX_TERMS + 1}`;
      if (found.length > 0 && found.length <= MAX_PREFIX_TERMS)
        terms.set(
          prefix,
          found.map((row) => row.term),
        );
    }
    return terms;
  }

  /**
   * The newest matching index rows, newest first, up to `limit`, at or below `hi`: how many (n), the newest (top),
   * the oldest read (bottom) and the oldest of the newest rankWindow (floor), in one statement that returns one row.
   * PostgreSQL looks in a range of the newest rows first, and widens it by what it found until it has `limit`
   * matches or has looked everywhere.
   */
  private async probe(raw: Raw, query: ParsedQuery, types: SearchType[], limit: number, hi: number | undefined): Promise<Probe> {
    const window = this.settings.rankWindow;
    const summary = (matches: Prisma.Sql) => Prisma.sql`SELECT count(*) AS n, max(m.r) AS top, min(m.r) AS bottom,
        min(CASE WHEN m.k <= ${window} THEN m.r END) AS floor
      FROM (SELECT r, row_number() OVER (ORDER BY r DESC) AS k FROM (${matches}) AS newest) AS m`;
    const num = (value: unknown) => (value == null ? null : Number(value));
    const run = async (sql: Prisma.Sql) => {
      const [row] = await raw.$queryRaw<{ n: number | bigint; top: unknown; bottom: unknown; floor: unknown }[]>(sql);
      return { n: Number(row?.n ?? 0), top: num(row?.top), bottom: num(row?.bottom), floor: num(row?.floor) };
    };
    if (this.db.provider === "postgresql") {
      const below = hi === undefined ? Prisma.empty : Prisma.sql` WHERE "seq" <= ${hi}`;
      const [ends] = await raw.$queryRaw<[{ newest: unknown; oldest: unknown }]>`
        SELECT (SELECT max("seq") FROM "search_index"${below}) AS newest, (SELECT min("seq") FROM "search_index") AS oldest`;
      const newest = num(ends.newest);
      const oldest = num(ends.oldest);
      if (newest === null || oldest === null) return { n: 0, top: null, bottom: null, floor: null, oldest };
      // From here to the end of the transaction (the rank included): bitmaps, not ordered index walks; one process.
      // A sequential scan tests every row's tsvector too: the planner, not counting the detoast, picks it on small tables.
      await raw.$queryRaw`SELECT set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true),
        set_config('max_parallel_workers_per_gather', '0', true)`;
      const tsquery = toTsquery(query);
      for (let span = 2 * limit; ; ) {
        const from = newest - span + 1;
        const everywhere = from <= oldest;
        const range = everywhere ? Prisma.sql` AND s."seq" <= ${newest}` : Prisma.sql` AND s."seq" BETWEEN ${from} AND ${newest}`;
        const found = await run(
          summary(Prisma.sql`SELECT s."seq" AS r FROM "search_index" s WHERE s."tsv" @@ CAST(${tsquery} AS tsquery)${this.typeFilter(types)}${range}
            ORDER BY s."seq" DESC LIMIT ${limit}`),
        );
        if (found.n >= limit || everywhere) return { ...found, oldest };
        // Widen by the share found so far (at least ×2, at most ×16), with a margin.
        span *= Math.min(16, Math.max(2, Math.ceil((1.5 * limit) / Math.max(1, found.n))));
      }
    }
    const below = hi === undefined ? Prisma.empty : Prisma.sql` AND "search_fts".rowid <= ${hi}`;
    const found = await run(
      summary(Prisma.sql`SELECT "search_fts".rowid AS r FROM "search_fts"${this.sqliteJoin(types)} WHERE "search_fts" MATCH ${toFts5(query)}${this.typeFilter(types)}${below}
        ORDER BY "search_fts".rowid DESC LIMIT ${limit}`),
    );
    return { ...found, oldest: null };
  }

  /**
   * Above the cap, the number of matches is estimated from the probe: it read `n` matches among the index rows from
   * `bottom` to `top`, and the same share of the rows from the oldest to `top` is taken to match.
   */
  private async estimate(probe: Probe, cap: number): Promise<number> {
    const oldest = probe.oldest ?? (await this.db.$queryRaw<[{ oldest: unknown }]>`SELECT min(id) AS oldest FROM "search_rows"`)[0].oldest;
    const top = probe.top ?? 0;
    const bottom = probe.bottom ?? top;
    const span = Math.max(1, top - Math.min(Number(oldest ?? bottom), bottom) + 1);
    const share = probe.n / Math.max(1, top - bottom + 1);
    return Math.max(cap + 1, roughly(Math.round(share * span)));
  }

  /**
   * Ranked index rows between lo and hi, in page order (reversed when paging backward), after the cursor. The
   * cursor's place is its row's rank now, read from the same candidates (its stored rank when the row is gone):
   * bm25's statistics move with every write on SQLite, so a stored rank alone would drift from the ranking.
   */
  private async ranked(
    raw: Raw,
    query: ParsedQuery,
    types: SearchType[],
    bounds: { hi: number; lo: number | null },
    take: number,
    backward: boolean,
    cursor: Cursor | undefined,
  ): Promise<{ row: number; rank: number; type?: string; id?: string; stemmer?: string }[]> {
    const dir = backward ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const [cmp, at, keyset] = cursor
      ? [
          backward ? Prisma.sql`<` : Prisma.sql`>`,
          Prisma.sql`, (SELECT coalesce((SELECT h.rank FROM h WHERE h.r = ${cursor.row}), ${cursor.rank}) AS rank) AS c`,
          true,
        ]
      : [Prisma.empty, Prisma.empty, false];
    const after = keyset ? Prisma.sql` WHERE h.rank ${cmp} c.rank OR (h.rank = c.rank AND h.r ${cmp} ${cursor!.row})` : Prisma.empty;
    if (this.db.provider === "postgresql") {
      const from = bounds.lo === null ? Prisma.empty : Prisma.sql` AND s."seq" >= ${bounds.lo}`;
      const rows = await raw.$queryRaw<{ r: unknown; rank: number; type: string; id: string; stemmer: string }[]>`
        WITH h AS MATERIALIZED (
          SELECT s."seq" AS r, -ts_rank_cd(s."tsv", CAST(${toTsRankQuery(query)} AS tsquery))::float8 AS rank, s."entity_type" AS type, s."entity_id" AS id, s."stemmer" AS stemmer
          FROM "search_index" s, CAST(${toTsquery(query)} AS tsquery) q
          WHERE s."tsv" @@ q${this.typeFilter(types)} AND s."seq" <= ${bounds.hi}${from})
        SELECT h.r, h.rank, h.type, h.id, h.stemmer FROM h${at}${after}
        ORDER BY h.rank ${dir}, h.r ${dir} LIMIT ${take}`;
      return rows.map((r) => ({ ...r, row: Number(r.r), rank: Number(r.rank) }));
    }
    // SQLite ranks rowids only, then reads type and id for the kept rows: reading them for every candidate costs more than the rank.
    const from = bounds.lo === null ? Prisma.empty : Prisma.sql` AND "search_fts".rowid >= ${bounds.lo}`;
    const rows = await raw.$queryRaw<{ r: unknown; rank: number }[]>`
      WITH h AS MATERIALIZED (
        SELECT "search_fts".rowid AS r, bm25("search_fts") AS rank FROM "search_fts"${this.sqliteJoin(types)}
        WHERE "search_fts" MATCH ${toFts5(query)}${this.typeFilter(types)} AND "search_fts".rowid <= ${bounds.hi}${from})
      SELECT h.r, h.rank FROM h${at}${after}
      ORDER BY h.rank ${dir}, h.r ${dir} LIMIT ${take}`;
    return rows.map((r) => ({ row: Number(r.r), rank: Number(r.rank) }));
  }

  /** Type, id and stemmer of ranked rows (PostgreSQL read them with the rank; SQLite reads them now, for the kept rows). */
  private async describe(rows: { row: number; rank: number; type?: string; id?: string; stemmer?: string }[]): Promise<Hit[]> {
    if (!rows.length) return [];
    if (this.db.provider === "postgresql") {
      return rows.map((r) => ({ type: r.type as SearchType, id: r.id!, rank: r.rank, row: r.row, stemmer: r.stemmer as Stemmer }));
    }
    const found = await this.db.$queryRaw<{ r: unknown; type: string; id: string; stemmer: string }[]>`
      SELECT id AS r, entity_type AS type, entity_id AS id, stemmer FROM "search_rows" WHERE id IN (${Prisma.join(rows.map((r) => r.row))})`;
    const byRow = new Map(found.map((f) => [Number(f.r), f]));
    return rows.flatMap((r) => {
      const f = byRow.get(r.row);
      return f ? [{ type: f.type as SearchType, id: f.id, rank: r.rank, row: r.row, stemmer: f.stemmer as Stemmer }] : [];
    });
  }

  private sqliteJoin(types: SearchType[]): Prisma.Sql {
    return types.length === ALL_TYPES.length ? Prisma.empty : Prisma.sql` JOIN "search_rows" sr ON sr.id = "search_fts".rowid`;
  }

  private typeFilter(types: SearchType[]): Prisma.Sql {
    if (types.length === ALL_TYPES.length) return Prisma.empty;
    return this.db.provider === "postgresql"
      ? Prisma.sql` AND s."entity_type" IN (${Prisma.join(types)})`
      : Prisma.sql` AND sr.entity_type IN (${Prisma.join(types)})`;
  }
}

/** The snippet of a found row: the first shown field that matches, cut around its first match. */
export function snippetOf(row: Record<string, unknown>, type: SearchType, query: ParsedQuery, stemmer: Stemmer) {
  for (const field of SNIPPET_FIELDS[type]) {
    const value = row[field];
    if (typeof value !== "string" || !value) continue;
    const matches = matchRanges(value, query, stemmer);
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
