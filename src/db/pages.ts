import type { Provider } from "./databaseUrl.ts";
import { EARLIEST_DATE, LATEST_DATE } from "./filters/scope.ts";
import { UserInputError } from "../shared/errors.ts";
import { unstorableText } from "../shared/text.ts";

// Relay cursor connections with keyset cursors: a cursor encodes the sort
// position (sort key, direction, value, id), never an offset, so pages stay
// stable while rows are inserted before them.

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** What a connection's pageInfo holds (the GraphQL type is PageInfo in src/schema/connection.ts). */
export type PageInfoData = { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
/** The paging arguments every connection takes. */
export type PageArgs = { first?: number | null; after?: string | null; last?: number | null; before?: string | null };
export type Edge<T> = { cursor: string; node: T };
export type Connection<T> = {
  edges: Edge<T>[];
  pageInfo: PageInfoData;
  // Called only when a client selects totalCount (see ConnectionType).
  totalCount: () => Promise<number>;
};

/** How a list is sorted: one column, with the row id as tie-breaker. */
export type SortColumn = { key: string; column: string; type: "string" | "date" | "number"; nullable: boolean };
export type SortDirection = "asc" | "desc";
type Cursor = { key: string; direction: SortDirection; value: string | number | Date | null; id: string };

export type PageRequest = {
  limit: number;
  backward: boolean;
  cursor?: Cursor;
  sort: SortColumn;
  direction: SortDirection;
};

// Years both backends store, as filters check them: PostgreSQL has no year 0, and neither takes year 10000.
const storableInstant = (text: string) => {
  const time = Date.parse(text);
  return time >= EARLIEST_DATE && time <= LATEST_DATE;
};

/** The opaque text of a cursor: its parts as JSON, in base64url. Search cursors use it too. */
export function encodeCursorParts(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts), "utf8").toString("base64url");
}

/** The parts of a cursor made by encodeCursorParts; undefined when the text is not one. The caller checks their shape. */
export function decodeCursorParts(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Refuses a page size (first or last) outside 1–MAX_PAGE_SIZE; `field` is its input path. */
export function checkPageSize(name: string, value: number | null | undefined, field = name): void {
  if (value != null && (value < 1 || value > MAX_PAGE_SIZE)) {
    throw new UserInputError(`"${name}" must be between 1 and ${MAX_PAGE_SIZE}, got ${value}`, field, { limit: MAX_PAGE_SIZE });
  }
}

function encodeCursor(sort: SortColumn, direction: SortDirection, row: Record<string, unknown>): string {
  const raw = row[sort.column];
  const value = raw instanceof Date ? raw.toISOString() : raw == null ? null : String(raw);
  return encodeCursorParts([sort.key, direction, value, row.id]);
}

function decodeCursor(cursor: string, field: string, sort: SortColumn, direction: SortDirection): Cursor {
  const parsed = decodeCursorParts(cursor);
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    typeof parsed[0] !== "string" ||
    (parsed[1] !== "asc" && parsed[1] !== "desc") ||
    typeof parsed[3] !== "string" ||
    (parsed[2] !== null && typeof parsed[2] !== "string")
  ) {
    throw new UserInputError(`"${field}" is not a valid cursor`, field);
  }
  const [key, dir, value, id] = parsed as [string, SortDirection, string | null, string];
  if (key !== sort.key || dir !== direction) {
    throw new UserInputError(`"${field}" was issued for another orderBy; request the first page again`, field);
  }
  // Only what this API could have issued: a null only for a nullable key, a storable date, text both backends store.
  const forged =
    (value === null && !sort.nullable) ||
    (value !== null && sort.type === "date" && !storableInstant(value)) ||
    [id, value].some((text) => typeof text === "string" && (text.length > 1_000 || unstorableText(text) !== null));
  if (forged) throw new UserInputError(`"${field}" is not a valid cursor`, field);
  // Numeric keys are 32-bit integer columns (Appearance.start).
  if (value !== null && sort.type === "number" && !(/^\d{1,10}$/.test(value) && Number(value) <= 2_147_483_647)) {
    throw new UserInputError(`"${field}" is not a valid cursor`, field);
  }
  const decoded = value === null ? null : sort.type === "date" ? new Date(value) : sort.type === "number" ? Number(value) : value;
  return { key, direction: dir, value: decoded, id };
}

/** Validates first/after/last/before against the limits and decodes the cursor. */
export function parsePage(args: PageArgs, sort: SortColumn, direction: SortDirection, path = ""): PageRequest {
  const at = (name: string) => (path ? `${path}.${name}` : name);
  const { first, last, after, before } = args;
  if (first != null && last != null) throw new UserInputError("Pass either first or last, not both", at("last"));
  if (after != null && before != null) throw new UserInputError("Pass either after or before, not both", at("before"));
  if (last != null && after != null) throw new UserInputError("last pages backward: combine it with before, not after", at("after"));
  if (first != null && before != null) throw new UserInputError("first pages forward: combine it with after, not before", at("before"));
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const)
    checkPageSize(name, value, at(name));
  const backward = last != null || before != null;
  const limit = (backward ? last : first) ?? DEFAULT_PAGE_SIZE;
  const rawCursor = backward ? before : after;
  const cursor = rawCursor == null ? undefined : decodeCursor(rawCursor, at(backward ? "before" : "after"), sort, direction);
  return { limit, backward, cursor, sort, direction };
}

// Paging backward reads the list in reverse order and flips the page after.
export function effectiveOrder(page: PageRequest): { direction: SortDirection; nulls: "first" | "last" } {
  const reversed = page.backward ? (page.direction === "asc" ? "desc" : "asc") : page.direction;
  // Nulls sort last in the requested order on every backend.
  return { direction: reversed, nulls: page.backward ? "first" : "last" };
}

// Where each backend puts nulls when no NULLS clause is given.
export const NATIVE_NULLS: Record<Provider, Record<SortDirection, "first" | "last">> = {
  sqlite: { asc: "first", desc: "last" },
  postgresql: { asc: "last", desc: "first" },
};

/**
 * Prisma orderBy for a page: sort column, then id. The nulls clause is left
 * out where the backend already sorts nulls that way: on SQLite, Prisma
 * emulates it with a CASE expression, which no index can serve.
 */
export function orderByFor(page: PageRequest, provider: Provider): Record<string, unknown>[] {
  const { direction, nulls } = effectiveOrder(page);
  const column = page.sort.nullable && NATIVE_NULLS[provider][direction] !== nulls ? { sort: direction, nulls } : direction;
  return [{ [page.sort.column]: column }, { id: direction }];
}

/** Prisma where that keeps only rows after the cursor, in read order. */
export function keysetWhere(page: PageRequest): Record<string, unknown> | undefined {
  const { cursor, sort } = page;
  if (!cursor) return undefined;
  const { direction, nulls } = effectiveOrder(page);
  const cmp = direction === "asc" ? "gt" : "lt";
  if (cursor.value === null) {
    const nullTail = { [sort.column]: null, id: { [cmp]: cursor.id } };
    return nulls === "first" ? { OR: [nullTail, { [sort.column]: { not: null } }] } : nullTail;
  }
  const branches: Record<string, unknown>[] = [{ [sort.column]: { [cmp]: cursor.value } }, { [sort.column]: cursor.value, id: { [cmp]: cursor.id } }];
  if (sort.nullable && nulls === "last") branches.push({ [sort.column]: null });
  return { OR: branches };
}

/** An edge whose cursor is encoded only if a client selects it: most queries ask for nodes alone. */
class LazyEdge<T> {
  constructor(
    readonly node: T,
    private readonly page: PageRequest,
  ) {}
  get cursor(): string {
    return encodeCursor(this.page.sort, this.page.direction, this.node as unknown as Record<string, unknown>);
  }
}

/**
 * An edge for one row in a list's order (a new row for a client to insert into its cached list): its cursor
 * pages on from the row in that order.
 */
export function edgeInOrder<T extends { id: string }>(node: T, sort: SortColumn, direction: SortDirection = "asc"): Edge<T> {
  return new LazyEdge(node, { sort, direction, limit: 0, backward: false });
}

/** Turns rows read in page order (limit + 1 of them) into a connection. */
export function toConnection<T extends { id: string }>(rows: T[], page: PageRequest, totalCount: () => Promise<number>): Connection<T> {
  const hasMore = rows.length > page.limit;
  const slice = rows.slice(0, page.limit);
  if (page.backward) slice.reverse();
  const edges: Edge<T>[] = slice.map((node) => new LazyEdge(node, page));
  return {
    edges,
    pageInfo: {
      // Relay allows false for the direction not being paged; we never guess.
      hasNextPage: !page.backward && hasMore,
      hasPreviousPage: page.backward && hasMore,
      // Encoded when read, as edges' cursors are: most queries select neither.
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    totalCount,
  };
}

/**
 * Splits rows read for many parents (in page order, each tagged with the
 * parents it belongs to) into one connection per parent. A row may belong to
 * several parents, e.g. a claim that appears in two articles of the batch.
 */
export function pagesByParent<T extends { id: string }>(
  parentIds: string[],
  rows: T[],
  parentsOf: (row: T) => string[],
  page: PageRequest,
  countsByParent: () => Promise<Map<string, number>>,
): Map<string, Connection<T>> {
  const grouped = new Map<string, T[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) {
    for (const parentId of parentsOf(row)) grouped.get(parentId)?.push(row);
  }
  let counts: Promise<Map<string, number>> | undefined;
  const pages = new Map<string, Connection<T>>();
  for (const [parentId, parentRows] of grouped) {
    pages.set(
      parentId,
      toConnection(parentRows.slice(0, page.limit + 1), page, async () => {
        // One count query for the whole batch, run only if some parent asks.
        counts ??= countsByParent();
        return (await counts).get(parentId) ?? 0;
      }),
    );
  }
  return pages;
}

/** Counts how many rows each parent has, from rows tagged with their parents. */
export function countByParent<T>(rows: T[], parentsOf: (row: T) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const parentId of new Set(parentsOf(row))) counts.set(parentId, (counts.get(parentId) ?? 0) + 1);
  }
  return counts;
}

/** Rows a window statement read for many parents, each tagged `__parent` (and `__rank`): the rows, untagged, and their parent. */
export function untagRows<R>(raw: ({ __parent: string; __rank?: unknown } & Record<string, unknown>)[]): { rows: R[]; parentsOf: (row: R) => string[] } {
  const parentOf = new Map<R, string>();
  const rows = raw.map(({ __parent, __rank: _rank, ...row }) => {
    parentOf.set(row as unknown as R, __parent);
    return row as unknown as R;
  });
  return { rows, parentsOf: (row) => [parentOf.get(row)!] };
}
