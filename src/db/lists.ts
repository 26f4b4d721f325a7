import type { Prisma } from "../generated/prisma/client.ts";
import type { Provider } from "./databaseUrl.ts";
import { compileFilter, DEFAULT_FILTER_LIMITS, type FilterEntity, type FilterLimits } from "./filters/index.ts";
import { allOf } from "./filters/prisma.ts";
import {
  effectiveOrder,
  NATIVE_NULLS,
  keysetWhere,
  orderByFor,
  parsePage,
  type PageArgs,
  type PageRequest,
  type SortColumn,
  type SortDirection,
} from "./pages.ts";

/** Connection arguments every list field takes: Relay paging plus filter and order. */
export type ListArgs<F, O extends string> = PageArgs & {
  filter?: F | null;
  orderBy?: { field: O; direction: string } | null;
};

export type PreparedList = {
  page: PageRequest;
  /**
   * The filter as an SQL condition on the entity's table (src/db/filters), or
   * undefined when it sets none. A list with a filter is read through SQL
   * (src/db/listSql.ts); one without, through Prisma.
   */
  filter: Prisma.Sql | undefined;
  /** The cursor condition as a Prisma where, for reads through Prisma. */
  pageWhere: Record<string, unknown> | undefined;
  orderBy: Record<string, unknown>[];
};

/** Validates list arguments and compiles the filter once, for any entity. */
export function prepareList<F, O extends string>(
  args: ListArgs<F, O>,
  columns: Record<O, SortColumn>,
  defaultOrder: O,
  entity: FilterEntity,
  provider: Provider,
  limits: FilterLimits = DEFAULT_FILTER_LIMITS,
): PreparedList {
  const { sort, direction } = sortOf(columns, args.orderBy, defaultOrder);
  const page = parsePage(args, sort, direction);
  const filter = compileFilter(entity, args.filter, { provider, limits });
  return { page, filter, pageWhere: keysetWhere(page), orderBy: orderByFor(page, provider) };
}

/** Which rows of a page one read covers: all of them, or only those with (or without) a sort value. */
export type PageRange = "all" | "values" | "nulls";

/**
 * Reads the `limit + 1` rows of a top-level page, in page order. A nullable
 * sort whose nulls the backend would put at the other end (ascending with
 * nulls last on SQLite) is read as two index ranges, values then nulls, each
 * ordered plainly by (column, id), instead of through an ORDER BY that no
 * index serves (Prisma emits a CASE expression). The second range is read only
 * when the first does not fill the page.
 */
export async function readRanges<R>(page: PageRequest, provider: Provider, read: (range: PageRange, take: number) => Promise<R[]>): Promise<R[]> {
  const { direction, nulls } = effectiveOrder(page);
  const take = page.limit + 1;
  if (!page.sort.nullable || NATIVE_NULLS[provider][direction] === nulls) return read("all", take);
  const [first, second]: [PageRange, PageRange] = nulls === "last" ? ["values", "nulls"] : ["nulls", "values"];
  const head = await read(first, take);
  if (head.length >= take) return head;
  return [...head, ...(await read(second, take - head.length))];
}

/** Reads an unfiltered top-level page through Prisma (see readRanges). */
export function readPage<W extends object, R>(
  list: PreparedList,
  provider: Provider,
  find: (where: W | undefined, orderBy: Record<string, unknown>[], take: number) => Promise<R[]>,
): Promise<R[]> {
  const { page, orderBy } = list;
  const pageWhere = list.pageWhere as W | undefined;
  const column = page.sort.column;
  const { direction } = effectiveOrder(page);
  const plain = [{ [column]: direction }, { id: direction }];
  return readRanges(page, provider, (range, take) => {
    if (range === "all") return find(pageWhere, orderBy, take);
    return find(allOf(pageWhere, { [column]: range === "values" ? { not: null } : null } as W), plain, take);
  });
}

/** Resolves an order input against an entity's sortable columns. */
export function sortOf<F extends string>(
  columns: Record<F, SortColumn>,
  order: { field: F; direction: string } | undefined | null,
  fallback: F,
): { sort: SortColumn; direction: SortDirection } {
  return {
    sort: columns[order?.field ?? fallback],
    direction: order?.direction === "DESC" ? "desc" : "asc",
  };
}
