import type { Db } from "../db/client.ts";
import type { PreparedList } from "./args.ts";
import { effectiveOrder, pagesByParent, type Connection, type PageRequest } from "./pagination.ts";

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

const quote = (name: string) => `"${name}"`;

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
  const marks = parentIds.map((_, i) => (db.provider === "postgresql" ? `$${i + 1}` : "?")).join(", ");
  const { table, via } = source;
  const [from, parent] =
    "column" in via
      ? [`${quote(table)} t WHERE t.${quote(via.column)} IN (${marks})`, `t.${quote(via.column)}`]
      : [
          `(SELECT DISTINCT ${quote(via.parent)} AS parent, ${quote(via.child)} AS child FROM ${quote(via.table)} WHERE ${quote(via.parent)} IN (${marks})) l` +
            ` JOIN ${quote(table)} t ON t."id" = l.child`,
          "l.parent",
        ];
  const { direction, nulls } = effectiveOrder(page);
  const dir = direction.toUpperCase();
  const order = `t.${quote(page.sort.column)} ${dir} NULLS ${nulls.toUpperCase()}, t."id" ${dir}`;
  const columns = source.columns.map((c) => `t.${quote(c)}`).join(", ");
  // SQLite: rank ids first (the sort key is usually in an index, so this reads no rows), then fetch only the kept rows.
  // page.limit is an integer checked by parsePage (1–100).
  const windowSql = () =>
    `SELECT ${columns}, r."__parent", r."__rank" FROM (` +
    `SELECT t."id" AS "__id", ${parent} AS "__parent", ROW_NUMBER() OVER (PARTITION BY ${parent} ORDER BY ${order}) AS "__rank" FROM ${from}` +
    `) r JOIN ${quote(table)} t ON t."id" = r."__id" WHERE r."__rank" <= ${page.limit + 1} ORDER BY r."__parent", r."__rank"`;
  type Raw = R & { __parent: string; __rank?: unknown };
  const raw =
    db.provider === "postgresql"
      ? await db.$queryRawUnsafe<Raw[]>(lateralSql(source, page, columns, order), parentIds)
      : await db.$queryRawUnsafe<Raw[]>(windowSql(), ...parentIds);
  const parentOf = new Map<R, string>();
  const rows = raw.map(({ __parent, __rank, ...row }) => {
    parentOf.set(row as unknown as R, __parent);
    return row as unknown as R;
  });
  return pagesByParent(parentIds, rows, (row) => [parentOf.get(row)!], page, async () => {
    const counts = await db.$queryRawUnsafe<{ parent: string; n: number | bigint }[]>(
      `SELECT ${parent} AS parent, COUNT(*) AS n FROM ${from} GROUP BY ${parent}`,
      ...parentIds,
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
function lateralSql(source: WindowSource, page: PageRequest, columns: string, order: string): string {
  const { table, via } = source;
  const n = page.limit + 1;
  const dir = effectiveOrder(page).direction.toUpperCase();
  const key = `t.${quote(page.sort.column)}`;
  const within =
    "column" in via
      ? `t.${quote(via.column)} = p.parent`
      : `t."id" IN (SELECT ${quote(via.child)} FROM ${quote(via.table)} WHERE ${quote(via.parent)} = p.parent)`;
  const range = (condition: string, orderBy: string) =>
    `(SELECT ${columns} FROM ${quote(table)} t WHERE ${within}${condition} ORDER BY ${orderBy} LIMIT ${n})`;
  const perParent = page.sort.nullable
    ? `SELECT * FROM (${range(` AND ${key} IS NOT NULL`, `${key} ${dir}, t."id" ${dir}`)} UNION ALL ${range(` AND ${key} IS NULL`, `t."id" ${dir}`)}) t ORDER BY ${order} LIMIT ${n}`
    : range("", `${key} ${dir}, t."id" ${dir}`).slice(1, -1);
  return `SELECT t.*, p.parent AS "__parent" FROM unnest($1::text[]) AS p(parent) CROSS JOIN LATERAL (${perParent}) t ORDER BY p.parent, ${order}`;
}
