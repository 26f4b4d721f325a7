import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";
import { columnOf, ident } from "./filters/index.ts";
import type { PreparedList } from "./lists.ts";
import { orderSql } from "./listSql.ts";
import { effectiveOrder, pagesByParent, untagRows, type Connection, type PageRequest } from "./pages.ts";

type Sql = Prisma.Sql;

/**
 * Where a nested connection's rows live, for reading the first page of every
 * parent in one statement. Table and column names come from code, never input.
 */
export type WindowSource = {
  /** Table of the child rows. */
  table: string;
  /** Columns to return: the model's scalar fields, so rows look like Prisma's. */
  columns: readonly string[];
  /** A parent reaches its children through a column on the child, or through a link table. */
  via: { column: string } | { table: string; parent: string; child: string };
};

/** The window read serves lists without a filter or cursor, which is what nested queries ask for. */
export function isPlainPage(list: PreparedList): boolean {
  return list.filter === undefined && list.page.cursor === undefined;
}

/**
 * Pages of a nested connection for many parents in one statement, `limit + 1`
 * rows each: ROW_NUMBER() over a partition per parent on SQLite, a LATERAL
 * LIMIT per parent on PostgreSQL. A parent with 10,000 children costs the
 * database a sort or an index range, not the server a read. Prisma's nested
 * `take` cannot do this (it reads every child and slices).
 */
export async function windowPages<R extends { id: string }>(
  db: Db,
  source: WindowSource,
  parentIds: string[],
  page: PageRequest,
): Promise<Map<string, Connection<R>>> {
  // DataLoader never asks for no parents; SQL has no empty IN list.
  if (parentIds.length === 0) return new Map();
  const { table, via } = source;
  const [from, parent] =
    "column" in via
      ? [Prisma.sql`${ident(table)} t WHERE ${columnOf("t", via.column)} IN (${Prisma.join(parentIds)})`, columnOf("t", via.column)]
      : [
          Prisma.sql`(SELECT DISTINCT ${ident(via.parent)} AS parent, ${ident(via.child)} AS child FROM ${ident(via.table)} WHERE ${ident(via.parent)} IN (${Prisma.join(parentIds)})) l JOIN ${ident(table)} t ON t."id" = l.child`,
          Prisma.sql`l.parent`,
        ];
  const order = orderSql(page, "t", true);
  const columns = Prisma.join(source.columns.map((c) => columnOf("t", c)));
  type Raw = R & { __parent: string; __rank?: unknown };
  const raw = await db.$queryRaw<Raw[]>(
    db.provider === "postgresql"
      ? lateralSql(source, parentIds, page, columns, order)
      : // SQLite: rank ids first (the sort key is usually in an index, so this reads no rows), then fetch only the kept rows.
        Prisma.sql`SELECT ${columns}, r."__parent", r."__rank" FROM (
          SELECT t."id" AS "__id", ${parent} AS "__parent", ROW_NUMBER() OVER (PARTITION BY ${parent} ORDER BY ${order}) AS "__rank" FROM ${from}
        ) r JOIN ${ident(table)} t ON t."id" = r."__id" WHERE r."__rank" <= ${page.limit + 1} ORDER BY r."__parent", r."__rank"`,
  );
  const { rows, parentsOf } = untagRows<R>(raw);
  return pagesByParent(parentIds, rows, parentsOf, page, async () => {
    const counts = await db.$queryRaw<{ parent: string; n: number | bigint }[]>(
      Prisma.sql`SELECT ${parent} AS parent, COUNT(*) AS n FROM ${from} GROUP BY ${parent}`,
    );
    return new Map(counts.map(({ parent: id, n }) => [id, Number(n)]));
  });
}

/**
 * PostgreSQL: one LIMIT per parent through LATERAL, so each page is read in
 * index order and a parent's other children are never touched. A nullable sort
 * key is read as two ranges (values, then nulls), because the index order puts
 * nulls where the requested order may not.
 */
function lateralSql(source: WindowSource, parentIds: string[], page: PageRequest, columns: Sql, order: Sql): Sql {
  const { table, via } = source;
  const n = page.limit + 1;
  const dir = Prisma.raw(effectiveOrder(page).direction === "asc" ? "ASC" : "DESC");
  const key = columnOf("t", page.sort.column);
  const within =
    "column" in via
      ? Prisma.sql`${columnOf("t", via.column)} = p.parent`
      : Prisma.sql`t."id" IN (SELECT ${ident(via.child)} FROM ${ident(via.table)} WHERE ${ident(via.parent)} = p.parent)`;
  const range = (condition: Sql, orderBy: Sql) =>
    Prisma.sql`SELECT ${columns} FROM ${ident(table)} t WHERE ${within}${condition} ORDER BY ${orderBy} LIMIT ${n}`;
  const perParent = page.sort.nullable
    ? Prisma.sql`SELECT * FROM ((${range(Prisma.sql` AND ${key} IS NOT NULL`, Prisma.sql`${key} ${dir}, t."id" ${dir}`)}) UNION ALL (${range(Prisma.sql` AND ${key} IS NULL`, Prisma.sql`t."id" ${dir}`)})) t ORDER BY ${order} LIMIT ${n}`
    : range(Prisma.empty, Prisma.sql`${key} ${dir}, t."id" ${dir}`);
  return Prisma.sql`SELECT t.*, p.parent AS "__parent" FROM unnest(${parentIds}::text[]) AS p(parent) CROSS JOIN LATERAL (${perParent}) t ORDER BY p.parent, ${order}`;
}
