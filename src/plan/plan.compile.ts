import { getArgumentValues, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo } from "graphql";
import { collectSubfields } from "graphql/execution/collectFields.js";

import { Prisma } from "../generated/prisma/client.ts";
import type { Provider } from "../db/databaseUrl.ts";
import { andSql, columnOf, compileFilter, ident, TRUE_SQL, type FilterEntity, type FilterLimits } from "../db/filters/index.ts";
import { sortOf } from "../db/lists.ts";
import { keysetSql, orderSql } from "../db/listSql.ts";
import { effectiveOrder, NATIVE_NULLS, parsePage, type PageRequest, type SortColumn } from "../db/pages.ts";
import { DIALECTS, type JsonDialect } from "./plan.sql.ts";
import { TABLES, type Derived, type Link, type PlannedType, type Relation, type RowCondition } from "./plan.tables.ts";
import type { Viewer } from "../schema/auth.ts";

// A GraphQL selection → one SQL expression that builds its JSON, plus the
// shape the planner uses to turn that JSON into what the resolvers would have
// returned (rows with Dates, connections with cursors). Each row of a planned
// type is a JSON object of its columns and of its planned relation fields, keyed
// __r0, __r1, … in SQL, and once shaped, by response key under PLANNED.

type Sql = Prisma.Sql;

/** Where a planned row keeps its relation fields' values, by response key. */
export const PLANNED = "__planned";

/** A selection the planner does not compile: the whole root field goes to the resolvers. */
export class Unplannable extends Error {}

export type Shape =
  | { kind: "node"; dates: string[]; relations: { sqlKey: string; responseKey: string; shape: Shape }[]; typename?: string }
  | { kind: "one"; node: Shape }
  | { kind: "list"; node: Shape }
  | { kind: "strings" }
  /** `nodes`: one value per distinct id, each of its own type. */
  | { kind: "tuple"; items: Shape[] }
  | { kind: "connection"; page: PageRequest; node: Shape; counted: boolean };

export type Compiled = { json: Sql; shape: Shape };
export type NodeShape = Extract<Shape, { kind: "node" }>;

type ConnectionSpec = {
  type: PlannedType;
  sorts: Record<string, SortColumn>;
  defaultSort: string;
  filter?: FilterEntity | RowCondition<unknown>;
  derived?: Derived;
};

export class PlanCompiler {
  private readonly json: JsonDialect;
  private aliases = 0;
  /** Set when a selected field is left to its resolver (loaded apart or computed): the response then needs graphql-js. */
  usesResolvers = false;

  constructor(
    private readonly info: GraphQLResolveInfo,
    private readonly provider: Provider,
    private readonly filterLimits: FilterLimits,
    private readonly viewer: Viewer,
  ) {
    this.json = DIALECTS[provider];
  }

  /** The rows of `type` at `alias` the viewer may see; undefined when there is no such rule or it sees all. */
  visible(type: PlannedType, alias: string): Sql | undefined {
    return TABLES[type].visible?.(this.viewer, alias);
  }

  nextAlias(): string {
    this.aliases += 1;
    return `t${this.aliases}`;
  }

  private objectType(name: string): GraphQLObjectType {
    return this.info.schema.getType(name) as GraphQLObjectType;
  }

  /**
   * One row of `type` at `alias` as a JSON object: the columns its selected scalar fields read, plus
   * `extraColumns`, and its selected relations, planned. Foreign keys are left out: no resolver of a
   * planned row reads them, since every relation it selects is planned too.
   */
  node(type: PlannedType, fieldNodes: readonly FieldNode[], alias: string, extraColumns: readonly string[] = []): { json: Sql; shape: NodeShape } {
    const table = TABLES[type];
    const objectType = this.objectType(type);
    const { schema, fragments, variableValues } = this.info;
    const fields = collectSubfields(schema, fragments, variableValues, objectType, fieldNodes);
    const columns = new Set<string>(extraColumns);
    const relations: { sqlKey: string; responseKey: string; shape: Shape; sql: Sql }[] = [];
    for (const [responseKey, nodes] of fields) {
      const name = nodes[0]!.name.value;
      if (name === "__typename") continue;
      if (table.loadedApart?.has(name)) {
        // Its resolver loads it by id.
        this.usesResolvers = true;
        columns.add("id");
        continue;
      }
      const computed = table.computed?.[name];
      if (computed) {
        // Its resolver builds it from these columns of the row.
        this.usesResolvers = true;
        for (const column of computed) columns.add(column);
        continue;
      }
      const column = table.scalars[name];
      if (column !== undefined) {
        columns.add(column);
        continue;
      }
      const relation = table.relations[name];
      if (!relation) throw new Unplannable(`${type}.${name}`);
      const { json, shape } = this.relation(relation, objectType, nodes, alias);
      relations.push({ sqlKey: `__r${relations.length}`, responseKey, shape, sql: json });
    }
    const pairs: [string, Sql][] = [...columns].map((column) => [column, table.dates.has(column) ? this.json.date(alias, column) : columnOf(alias, column)]);
    // Beside the columns rather than in an object of their own: a JSON object fewer per row to build and parse.
    for (const { sqlKey, sql } of relations) pairs.push([sqlKey, sql]);
    return {
      json: this.json.object(pairs),
      shape: {
        kind: "node",
        dates: [...columns].filter((column) => table.dates.has(column)),
        relations: relations.map(({ sqlKey, responseKey, shape }) => ({ sqlKey, responseKey, shape })),
      },
    };
  }

  private relation(relation: Relation, parentType: GraphQLObjectType, nodes: readonly FieldNode[], parent: string): Compiled {
    switch (relation.kind) {
      case "one": {
        const alias = this.nextAlias();
        const node = this.node(relation.type, nodes, alias);
        const table = ident(TABLES[relation.type].table);
        const where = andSql(Prisma.sql`${columnOf(alias, "id")} = ${columnOf(parent, relation.column)}`, this.visible(relation.type, alias));
        const sql = Prisma.sql`SELECT ${node.json} FROM ${table} AS ${ident(alias)} WHERE ${where}`;
        return { json: this.json.embed(sql), shape: { kind: "one", node: node.shape } };
      }
      case "list": {
        const alias = this.nextAlias();
        const node = this.node(relation.type, nodes, alias);
        const table = ident(TABLES[relation.type].table);
        const { link } = relation;
        const linkAlias = `${alias}l`;
        let from: Sql;
        if (link.via === "linkTable") {
          from = Prisma.sql`${ident(link.table)} AS ${ident(linkAlias)} JOIN ${table} AS ${ident(alias)} ON ${columnOf(alias, "id")} = ${columnOf(linkAlias, link.child)}
            WHERE ${columnOf(linkAlias, link.parent)} = ${columnOf(parent, "id")}`;
        } else if (link.via === "childColumn") {
          from = Prisma.sql`${table} AS ${ident(alias)} WHERE ${columnOf(alias, link.column)} = ${columnOf(parent, "id")}`;
        } else {
          throw new Unplannable("list through sourceArticles");
        }
        const orderAlias = relation.orderFrom === "link" ? linkAlias : alias;
        const nulls = (column: string) => (relation.nullsLast?.includes(column) ? Prisma.raw(" NULLS LAST") : Prisma.empty);
        const orderBy = Prisma.join(relation.orderBy.map((column) => Prisma.sql`${columnOf(orderAlias, column)} ASC${nulls(column)}`));
        const sql = Prisma.sql`SELECT ${this.json.array(node.json, orderBy)} FROM ${from}`;
        return { json: this.json.embed(sql), shape: { kind: "list", node: node.shape } };
      }
      case "aliases": {
        const alias = this.nextAlias();
        const sql = Prisma.sql`SELECT ${this.json.array(columnOf(alias, "alias"), Prisma.sql`${columnOf(alias, "position")} ASC`)}
          FROM "SourceAlias" AS ${ident(alias)} WHERE ${columnOf(alias, "sourceId")} = ${columnOf(parent, "id")}`;
        return { json: this.json.embed(sql), shape: { kind: "strings" } };
      }
      case "connection": {
        const field = parentType.getFields()[nodes[0]!.name.value]!;
        const args = getArgumentValues(field, nodes[0]!, this.info.variableValues);
        return this.connection(relation, nodes, args, { link: relation.link, parent });
      }
    }
  }

  /**
   * A connection's page as `{ rows, count }`: the ids and sort keys of the page's
   * `limit + 1` rows are chosen first, in an order an index can serve, and only
   * those rows are built as JSON (with their own nested fields).
   */
  connection(spec: ConnectionSpec, nodes: readonly FieldNode[], args: Record<string, unknown>, parent?: { link: Link; parent: string }): Compiled {
    const alias = this.nextAlias();
    const keys = `${alias}k`;
    const table = ident(TABLES[spec.type].table);
    const order = args.orderBy as { field: string; direction: string } | null | undefined;
    // An order this connection does not plan (a track-record order under Source.members): the resolvers answer.
    if (order && !Object.hasOwn(spec.sorts, order.field)) throw new Unplannable(`${spec.type} by ${order.field}`);
    const { sort, direction } = sortOf(spec.sorts, order, spec.defaultSort);
    const page = parsePage(args, sort, direction);
    // A computed order (sources by track record) pages through derived rows: the table's columns and the sort key.
    const derived = spec.derived?.(args.orderBy, this.provider);
    if (derived && this.nullsAgainstBackend(page)) throw new Unplannable(`${spec.type} by a nullable computed key`);
    const rowsOf = derived ? Prisma.sql`(${derived})` : table;
    const filter =
      typeof spec.filter === "function"
        ? spec.filter(args.filter, keys)
        : spec.filter
          ? compileFilter(spec.filter, args.filter, { provider: this.provider, limits: this.filterLimits, alias: keys, aliasPrefix: `${keys}f` })
          : undefined;
    const link = parent ? this.link(parent.link, keys, parent.parent) : undefined;
    const within = andSql(link, filter, this.visible(spec.type, keys));

    const connectionType = this.objectType(`${spec.type}Connection`);
    const { schema, fragments, variableValues } = this.info;
    const selected = collectSubfields(schema, fragments, variableValues, connectionType, nodes);
    let counted = false;
    let cursors = false;
    const nodeFields: FieldNode[] = [];
    for (const fieldNodes of selected.values()) {
      const name = fieldNodes[0]!.name.value;
      if (name === "totalCount") counted = true;
      if (name === "pageInfo") cursors = true;
      if (name !== "edges") continue;
      const edgeType = this.objectType(`${spec.type}Edge`);
      for (const [, edgeFields] of collectSubfields(schema, fragments, variableValues, edgeType, fieldNodes)) {
        const edgeField = edgeFields[0]!.name.value;
        if (edgeField === "node") nodeFields.push(...edgeFields);
        if (edgeField === "cursor") cursors = true;
      }
    }

    // Rows carry their id and sort key when a cursor is selected (a third of W2's JSON otherwise).
    const node = this.node(spec.type, nodeFields, alias, cursors ? ["id", sort.column] : []);
    const where = andSql(within, keysetSql(page, keys));
    const pageOrder = orderSql(page, alias, true);
    const rows = this.splitsNulls(page)
      ? Prisma.sql`SELECT ${this.json.array(node.json, pageOrder)} FROM (${this.pageKeys(page, table, keys, where)}) AS ${ident(`${keys}p`)}
          JOIN ${table} AS ${ident(alias)} ON ${columnOf(alias, "id")} = ${columnOf(`${keys}p`, "i")}`
      : // One index range: the page's rows themselves, taken in index order (nulls placed where the backend would not).
        this.json.page(
          node.json,
          pageOrder,
          Prisma.sql`SELECT * FROM ${rowsOf} AS ${ident(keys)} WHERE ${where ?? TRUE_SQL}
            ORDER BY ${orderSql(page, keys, this.nullsAgainstBackend(page))} LIMIT ${page.limit + 1}`,
          page.limit,
          alias,
        );
    const shape = { kind: "connection" as const, page, node: node.shape, counted };
    // The page's rows alone, or with their count when totalCount is selected.
    if (!counted) return { json: this.json.embed(rows), shape };
    const count = Prisma.sql`(SELECT COUNT(*) FROM ${rowsOf} AS ${ident(keys)} WHERE ${within ?? TRUE_SQL})`;
    return {
      json: this.json.object([
        ["rows", this.json.embed(rows)],
        ["count", count],
      ]),
      shape,
    };
  }

  /**
   * The ids (and sort keys) of a page's `limit + 1` rows, in page order, for a
   * nullable sort whose nulls the backend puts at the other end: read as two
   * ranges, values and nulls, each in plain index order (as readRanges does).
   */
  /** Whether the page's nullable sort puts its nulls where the backend would not. */
  private nullsAgainstBackend(page: PageRequest): boolean {
    const { direction, nulls } = effectiveOrder(page);
    return page.sort.nullable && NATIVE_NULLS[this.provider][direction] !== nulls;
  }

  /**
   * Whether the page is read as two ranges. SQLite (3.53 here) reads `NULLS LAST` against an index in index order
   * itself, so it needs them only when a cursor's OR of conditions bounds the page; PostgreSQL cannot scan an index
   * with its nulls moved to the other end, so it always does.
   */
  private splitsNulls(page: PageRequest): boolean {
    return this.nullsAgainstBackend(page) && (this.provider === "postgresql" || page.cursor !== undefined);
  }

  private pageKeys(page: PageRequest, table: Sql, alias: string, where: Sql | undefined): Sql {
    const take = page.limit + 1;
    const { direction, nulls } = effectiveOrder(page);
    const columns = Prisma.sql`${columnOf(alias, "id")} AS "i", ${columnOf(alias, page.sort.column)} AS "s"`;
    const select = (condition: Sql | undefined, orderBy: Sql) =>
      Prisma.sql`SELECT ${columns} FROM ${table} AS ${ident(alias)} WHERE ${condition ?? TRUE_SQL} ORDER BY ${orderBy} LIMIT ${take}`;
    const dir = Prisma.raw(direction === "asc" ? "ASC" : "DESC");
    const key = columnOf(alias, page.sort.column);
    const values = select(andSql(where, Prisma.sql`${key} IS NOT NULL`), Prisma.sql`${key} ${dir}, ${columnOf(alias, "id")} ${dir}`);
    const empties = select(andSql(where, Prisma.sql`${key} IS NULL`), Prisma.sql`${columnOf(alias, "id")} ${dir}`);
    const both = `${alias}u`;
    const placement = Prisma.raw(nulls === "first" ? "NULLS FIRST" : "NULLS LAST");
    return Prisma.sql`SELECT * FROM (SELECT * FROM (${values}) AS ${ident(`${alias}v`)} UNION ALL SELECT * FROM (${empties}) AS ${ident(`${alias}n`)}) AS ${ident(both)}
      ORDER BY ${columnOf(both, "s")} ${dir} ${placement}, ${columnOf(both, "i")} ${dir} LIMIT ${take}`;
  }

  /** The condition that keeps the children (at `alias`) of the row at `parent`. */
  private link(link: Link, alias: string, parent: string): Sql {
    const parentId = columnOf(parent, "id");
    switch (link.via) {
      case "childColumn":
        return Prisma.sql`${columnOf(alias, link.column)} = ${parentId}`;
      case "linkTable": {
        const l = `${alias}l`;
        return Prisma.sql`${columnOf(alias, "id")} IN (SELECT ${columnOf(l, link.child)} FROM ${ident(link.table)} AS ${ident(l)} WHERE ${columnOf(l, link.parent)} = ${parentId})`;
      }
      case "sourceArticles": {
        const [a, w, p, c] = ["a", "w", "p", "c"].map((suffix) => ident(`${alias}${suffix}`)) as [Sql, Sql, Sql, Sql];
        const viaClaims = (column: string) =>
          Prisma.sql`SELECT ${p}."articleId" FROM "Appearance" AS ${p} JOIN "Claim" AS ${c} ON ${c}."id" = ${p}."claimId" WHERE ${c}.${ident(column)} = ${parentId}`;
        return Prisma.sql`${columnOf(alias, "id")} IN (
          SELECT ${a}."id" FROM "Article" AS ${a} WHERE ${a}."publisherId" = ${parentId}
          UNION SELECT ${w}."articleId" FROM "ArticleAuthor" AS ${w} WHERE ${w}."sourceId" = ${parentId}
          UNION ${viaClaims("claimantId")} UNION ${viaClaims("channelId")} UNION ${viaClaims("reportedById")})`;
      }
    }
  }
}
