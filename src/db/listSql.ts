import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";
import { andSql, columnOf, ident, TRUE_SQL } from "./filters/index.ts";
import { readRanges, type PageRange, type PreparedList } from "./lists.ts";
import { effectiveOrder, pagesByParent, untagRows, type Connection, type PageRequest } from "./pages.ts";

// Lists with a filter, read through SQL with the filter compiled by
// src/db/filters: the page (keyset condition, order and limit exactly as the
// Prisma reads have them), totalCount, and nested pages for many parents.
// Rows are selected column by column, so they come back as Prisma's would.

type Sql = Prisma.Sql;

/** A table and the columns a read returns (a model's scalar fields, maybe minus a large one). */
export type SqlSource = { table: string; columns: readonly string[] };

/** How a row belongs to a parent: through a column holding the parent's id, or a query of (parent, child) pairs. */
export type ParentLink = { column: string } | { pairs: (parentIds: string[]) => Sql };

/** The cursor condition (pagination.keysetWhere) on row `alias`, in SQL. */
export function keysetSql(page: PageRequest, alias: string): Sql | undefined {
  const { cursor, sort } = page;
  if (!cursor) return undefined;
  const { direction, nulls } = effectiveOrder(page);
  const cmp = Prisma.raw(direction === "asc" ? ">" : "<");
  const column = columnOf(alias, sort.column);
  const id = columnOf(alias, "id");
  if (cursor.value === null) {
    const nullTail = Prisma.sql`(${column} IS NULL AND ${id} ${cmp} ${cursor.id})`;
    return nulls === "first" ? Prisma.sql`(${nullTail} OR ${column} IS NOT NULL)` : nullTail;
  }
  const branches = [Prisma.sql`${column} ${cmp} ${cursor.value}`, Prisma.sql`(${column} = ${cursor.value} AND ${id} ${cmp} ${cursor.id})`];
  if (sort.nullable && nulls === "last") branches.push(Prisma.sql`${column} IS NULL`);
  return Prisma.join(branches, " OR ", "(", ")");
}

/** ORDER BY of a page: sort column, then id; `nulls` spells out where nulls go. */
export function orderSql(page: PageRequest, alias: string, nulls: boolean): Sql {
  const order = effectiveOrder(page);
  const dir = Prisma.raw(order.direction === "asc" ? "ASC" : "DESC");
  const placement = Prisma.raw(nulls ? (order.nulls === "first" ? " NULLS FIRST" : " NULLS LAST") : "");
  return Prisma.sql`${columnOf(alias, page.sort.column)} ${dir}${placement}, ${columnOf(alias, "id")} ${dir}`;
}

const columnsOf = (source: SqlSource, alias: string) => Prisma.join(source.columns.map((column) => columnOf(alias, column)));

/** The `limit + 1` rows of a filtered top-level page, in page order (see readRanges for nullable sorts). */
export function readPageSql<R>(db: Db, source: SqlSource, list: PreparedList): Promise<R[]> {
  const { table } = source;
  const { page } = list;
  const where = andSql(list.filter, keysetSql(page, table));
  const ranges: Record<PageRange, Sql | undefined> = {
    all: undefined,
    values: Prisma.sql`${columnOf(table, page.sort.column)} IS NOT NULL`,
    nulls: Prisma.sql`${columnOf(table, page.sort.column)} IS NULL`,
  };
  return readRanges(page, db.provider, (range, take) =>
    db.$queryRaw<R[]>(
      Prisma.sql`SELECT ${columnsOf(source, table)} FROM ${ident(table)} WHERE ${andSql(where, ranges[range]) ?? TRUE_SQL} ORDER BY ${orderSql(page, table, false)} LIMIT ${take}`,
    ),
  );
}

/** How many rows of `table` meet `condition`. */
export async function countSql(db: Db, table: string, condition: Sql | undefined): Promise<number> {
  const [{ n }] = await db.$queryRaw<[{ n: number | bigint }]>(Prisma.sql`SELECT COUNT(*) AS "n" FROM ${ident(table)} WHERE ${condition ?? TRUE_SQL}`);
  return Number(n);
}

/**
 * Pages of a nested connection for many parents, with a filter or a cursor,
 * in one statement: the rows of every parent that meet the filter and the
 * cursor, ranked per parent by ROW_NUMBER(), `limit + 1` kept per parent.
 * totalCount is one more statement for the whole batch, only if selected.
 */
export async function nestedPagesSql<R extends { id: string }>(
  db: Db,
  source: SqlSource,
  link: ParentLink,
  parentIds: string[],
  list: PreparedList,
): Promise<Map<string, Connection<R>>> {
  const { table } = source;
  const { page } = list;
  if (parentIds.length === 0) return new Map();
  const [from, parent, within] =
    "column" in link
      ? [ident(table), columnOf(table, link.column), Prisma.sql`${columnOf(table, link.column)} IN (${Prisma.join(parentIds)})`]
      : [Prisma.sql`${ident(table)} JOIN (${link.pairs(parentIds)}) AS "l" ON "l"."child" = ${columnOf(table, "id")}`, Prisma.sql`"l"."parent"`, undefined];
  const where = andSql(within, list.filter, keysetSql(page, table)) ?? TRUE_SQL;
  type Raw = R & { __parent: string; __rank: unknown };
  const raw = await db.$queryRaw<Raw[]>(Prisma.sql`SELECT * FROM (
    SELECT ${columnsOf(source, table)}, ${parent} AS "__parent", ROW_NUMBER() OVER (PARTITION BY ${parent} ORDER BY ${orderSql(page, table, true)}) AS "__rank"
    FROM ${from} WHERE ${where}
  ) AS "r" WHERE "r"."__rank" <= ${page.limit + 1} ORDER BY "r"."__parent", "r"."__rank"`);
  const { rows, parentsOf } = untagRows<R>(raw);
  return pagesByParent(parentIds, rows, parentsOf, page, async () => {
    const counts = await db.$queryRaw<{ parent: string; n: number | bigint }[]>(
      Prisma.sql`SELECT ${parent} AS "parent", COUNT(*) AS "n" FROM ${from} WHERE ${andSql(within, list.filter) ?? TRUE_SQL} GROUP BY ${parent}`,
    );
    return new Map(counts.map(({ parent: id, n }) => [id, Number(n)]));
  });
}

/** (parent, child) pairs from a link table, each pair once. */
export function linkPairs(table: string, parent: string, child: string): (parentIds: string[]) => Sql {
  return (parentIds) =>
    Prisma.sql`SELECT DISTINCT ${ident(parent)} AS "parent", ${ident(child)} AS "child" FROM ${ident(table)} WHERE ${ident(parent)} IN (${Prisma.join(parentIds)})`;
}
