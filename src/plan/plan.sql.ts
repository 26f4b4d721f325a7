import { Prisma } from "../generated/prisma/client.ts";
import type { Provider } from "../db/databaseUrl.ts";
import { columnOf, ident } from "../db/filters/index.ts";

// How each backend builds JSON inside a statement. Keys are names from code
// (column names, __r0, __r1, …), checked like identifiers; values are expressions.

type Sql = Prisma.Sql;

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A page row's place in its page (no table has a column of this name). */
const PAGE_ORDINAL = "__ordinal";

function key(name: string): Sql {
  if (!KEY.test(name)) throw new Error(`Not a JSON key from code: ${name}`);
  return Prisma.raw(`'${name}'`);
}

export type JsonDialect = {
  /** A JSON object of the pairs. */
  object(pairs: readonly (readonly [string, Sql])[]): Sql;
  /** The aggregate JSON array of `value` over the query's rows, in `orderBy` order; `[]` when there are none. */
  array(value: Sql, orderBy: Sql): Sql;
  /**
   * A connection's page: the JSON array of `value` over `rows` (a subquery that returns the page's `limit + 1` rows in
   * `orderBy` order, through its own ORDER BY … LIMIT), as `alias`. PostgreSQL aggregates them as they arrive (an
   * ORDER BY inside json_agg would sort the finished JSON again) and leaves the look-ahead row, which only says that
   * there is a next page, as null instead of building its nested JSON (a sixth of W2's statement time).
   */
  page(value: Sql, orderBy: Sql, rows: Sql, limit: number, alias: string): Sql;
  /** A JSON array of the values (each already JSON), in order. */
  tuple(values: readonly Sql[]): Sql;
  /** A subquery's JSON result, placed inside another JSON value. */
  embed(subquery: Sql): Sql;
  /** A date-time column as the JSON value the shaper turns into a Date. */
  date(alias: string, column: string): Sql;
  /** The statement's one JSON value as text, which the planner parses itself. */
  text(value: Sql): Sql;
};

const sqlite: JsonDialect = {
  object: (pairs) =>
    pairs.length ? Prisma.sql`json_object(${Prisma.join(pairs.map(([name, value]) => Prisma.sql`${key(name)}, ${value}`))})` : Prisma.sql`json_object()`,
  array: (value, orderBy) => Prisma.sql`json_group_array(${value} ORDER BY ${orderBy})`,
  page: (value, orderBy, rows, _limit, alias) => Prisma.sql`SELECT json_group_array(${value} ORDER BY ${orderBy}) FROM (${rows}) AS ${ident(alias)}`,
  tuple: (values) => (values.length ? Prisma.sql`json_array(${Prisma.join(values)})` : Prisma.sql`json_array()`),
  // A subquery's result loses SQLite's JSON subtype; json() restores it, so it nests as JSON rather than as a string.
  embed: (subquery) => Prisma.sql`json((${subquery}))`,
  // Prisma stores ISO 8601 text with an offset, which Date parses.
  date: (alias, column) => columnOf(alias, column),
  text: (value) => value,
};

const postgresql: JsonDialect = {
  object: (pairs) =>
    pairs.length
      ? Prisma.sql`json_build_object(${Prisma.join(pairs.map(([name, value]) => Prisma.sql`${key(name)}, ${value}`))})`
      : Prisma.sql`json_build_object()`,
  array: (value, orderBy) => Prisma.sql`COALESCE(json_agg(${value} ORDER BY ${orderBy}), '[]'::json)`,
  // The order is the documented alternative to ORDER BY in an aggregate, "supplying the input values from a sorted
  // subquery"; row_number() over the same subquery numbers the rows in that order.
  page: (value, _orderBy, rows, limit, alias) =>
    Prisma.sql`SELECT COALESCE(json_agg(CASE WHEN ${columnOf(alias, PAGE_ORDINAL)} <= ${limit} THEN ${value} END), '[]'::json)
      FROM (SELECT *, row_number() OVER () AS ${ident(PAGE_ORDINAL)} FROM (${rows}) AS ${ident(`${alias}o`)}) AS ${ident(alias)}`,
  tuple: (values) => (values.length ? Prisma.sql`json_build_array(${Prisma.join(values)})` : Prisma.sql`json_build_array()`),
  embed: (subquery) => Prisma.sql`(${subquery})`,
  // timestamp(3) holds UTC; epoch milliseconds avoid the JSON rendering without a zone.
  date: (alias, column) => Prisma.sql`(extract(epoch from ${columnOf(alias, column)}) * 1000)::bigint`,
  text: (value) => Prisma.sql`(${value})::text`,
};

export const DIALECTS: Record<Provider, JsonDialect> = { sqlite, postgresql };
