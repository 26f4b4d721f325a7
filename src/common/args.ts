import type { Provider } from "../db/databaseUrl.ts";
import { allOf, FilterScope } from "./filters.ts";
import { sortOf, type OrderDirection } from "./order.ts";
import {
  countByParent,
  effectiveOrder,
  NATIVE_NULLS,
  keysetWhere,
  orderByFor,
  pagesByParent,
  parsePage,
  type Connection,
  type ConnectionArgs,
  type PageRequest,
  type SortColumn,
} from "./pagination.ts";

/** Connection arguments every list field takes: Relay paging plus filter and order. */
export type ListArgs<F, O extends string> = ConnectionArgs & {
  filter?: F | null;
  orderBy?: { field: O; direction: OrderDirection } | null;
};

export type PreparedList<W> = {
  page: PageRequest;
  /** The filter alone: what totalCount counts. */
  where: W | undefined;
  /** The filter plus the cursor condition: what the page reads. */
  pageWhere: W | undefined;
  orderBy: Record<string, unknown>[];
};

/** Validates and translates list arguments once, for any entity. */
export function prepareList<F, O extends string, W extends object>(
  args: ListArgs<F, O>,
  columns: Record<O, SortColumn>,
  defaultOrder: O,
  translate: (filter: F | undefined | null, scope: FilterScope) => W | undefined,
  provider: Provider,
): PreparedList<W> {
  const { sort, direction } = sortOf(columns, args.orderBy, defaultOrder);
  const page = parsePage(args, sort, direction);
  const where = translate(args.filter, new FilterScope("filter", 0, provider === "postgresql"));
  const keyset = keysetWhere(page) as W | undefined;
  const pageWhere = where && keyset ? ({ AND: [where, keyset] } as W) : (where ?? keyset);
  return { page, where, pageWhere, orderBy: orderByFor(page, provider) };
}

/**
 * Reads a nested connection for many parents with one query (and one more for
 * totalCount, only if selected). `inParents` restricts rows to the parents;
 * `parentsOf` says which parents a row belongs to.
 */
export async function nestedPages<W extends object, R extends { id: string }, L>(opts: {
  parentIds: string[];
  list: PreparedList<W>;
  inParents: W;
  read: (where: W, orderBy: Record<string, unknown>[]) => Promise<R[]>;
  readLinks: (where: W) => Promise<L[]>;
  parentsOf: (row: R | L) => string[];
}): Promise<Map<string, Connection<R>>> {
  const { parentIds, list, inParents, parentsOf } = opts;
  const rows = await opts.read(allOf(list.pageWhere, inParents), list.orderBy);
  return pagesByParent(parentIds, rows, parentsOf, list.page, async () =>
    countByParent(await opts.readLinks(allOf(list.where, inParents)), parentsOf),
  );
}

/**
 * Reads the `limit + 1` rows of a top-level list page, in page order. A
 * nullable sort whose nulls the backend would put at the other end (ascending
 * with nulls last on SQLite) is read as two index ranges, values then nulls,
 * instead of through the CASE expression Prisma emits, which no index serves.
 * The second range is read only when the first does not fill the page.
 */
export async function readPage<W extends object, R>(
  list: PreparedList<W>,
  provider: Provider,
  find: (where: W | undefined, orderBy: Record<string, unknown>[], take: number) => Promise<R[]>,
): Promise<R[]> {
  const { page, pageWhere, orderBy } = list;
  const { direction, nulls } = effectiveOrder(page);
  const take = page.limit + 1;
  if (!page.sort.nullable || NATIVE_NULLS[provider][direction] === nulls) return find(pageWhere, orderBy, take);
  const column = page.sort.column;
  const values = { [column]: { not: null } } as W;
  const empty = { [column]: null } as W;
  const [firstRange, secondRange] = nulls === "last" ? [values, empty] : [empty, values];
  const plain = [{ [column]: direction }, { id: direction }];
  const head = await find(allOf(pageWhere, firstRange), plain, take);
  if (head.length >= take) return head;
  return [...head, ...(await find(allOf(pageWhere, secondRange), plain, take - head.length))];
}
