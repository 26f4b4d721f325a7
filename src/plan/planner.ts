import { getArgumentValues, GraphQLError, type GraphQLResolveInfo } from "graphql";

import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "../db/client.ts";
import { columnOf, ident, type FilterLimits } from "../db/filters/index.ts";
import { toConnection } from "../db/pages.ts";
import { fromGlobalId, expectGlobalId } from "../shared/globalId.ts";
import { idOrSlug } from "../shared/lookup.ts";
import { DIALECTS } from "./plan.sql.ts";
import { PLANNED, PlanCompiler, Unplannable, type Shape } from "./plan.compile.ts";
import { ROOT_FIELDS, TABLES, type PlannedType, type RootField } from "./plan.tables.ts";

type Sql = Prisma.Sql;

/** Where a planned statement goes before it runs: a debug log, or a test. */
export type PlanObserver = (event: { field: string; sql: string; values: unknown[] }) => void;

/**
 * Compiles a root query field with its whole selection into one SQL statement
 * and returns what its resolver would have: the nested fields then read the
 * planned values (see planAware) instead of loading. A selection it cannot
 * compile, or arguments the resolvers would refuse, return undefined: the
 * resolvers then run as before and give their own answer or error.
 */
export class Planner {
  constructor(
    private readonly db: Db,
    private readonly filterLimits: FilterLimits,
    private readonly observe?: PlanObserver,
  ) {}

  plan(info: GraphQLResolveInfo): Promise<unknown> | undefined {
    let statement: { sql: Sql; shape: Shape; typename?: PlannedType } | undefined;
    try {
      statement = this.compile(info);
    } catch (error) {
      // The resolvers report bad arguments (with their own paths) and answer what the planner does not know.
      if (error instanceof Unplannable || error instanceof GraphQLError) return undefined;
      throw error;
    }
    if (!statement) return undefined;
    const { sql, shape, typename } = statement;
    this.observe?.({ field: info.fieldName, sql: sql.sql, values: sql.values });
    return this.db
      .reader()
      .$queryRaw<{ r: string | null }[]>(sql)
      .then((rows) => {
        const text = rows[0]?.r;
        if (text == null) return null;
        const value = shapeValue(shape, JSON.parse(text));
        return typename ? { ...(value as object), __typename: typename } : value;
      });
  }

  private compile(info: GraphQLResolveInfo): { sql: Sql; shape: Shape; typename?: PlannedType } | undefined {
    if (info.parentType !== info.schema.getQueryType() || !Object.hasOwn(ROOT_FIELDS, info.fieldName)) return undefined;
    const root = ROOT_FIELDS[info.fieldName as RootField];
    const compiler = new PlanCompiler(info, this.db.provider, this.filterLimits);
    const json = DIALECTS[this.db.provider];
    const args = getArgumentValues(info.parentType.getFields()[info.fieldName]!, info.fieldNodes[0]!, info.variableValues);
    if (root.kind === "connection") {
      const { json: value, shape } = compiler.connection(root, info.fieldNodes, args);
      return { sql: Prisma.sql`SELECT ${json.text(value)} AS "r"`, shape };
    }
    let type: PlannedType;
    let lookup: { by: "id" | "slug"; value: string };
    if (root.kind === "node") {
      const decoded = fromGlobalId(String(args.id), "id");
      type = decoded.type;
      lookup = { by: "id", value: decoded.id };
    } else {
      type = root.type;
      lookup =
        root.kind === "byId"
          ? { by: "id", value: expectGlobalId(String(args.id), type, "id") }
          : idOrSlug(type, args.id as string | null | undefined, args.slug as string | null | undefined);
    }
    const alias = "t0";
    const { json: value, shape } = compiler.node(type, info.fieldNodes, alias);
    const where = type === "Source" ? sourceLookup(alias, lookup) : Prisma.sql`${columnOf(alias, lookup.by)} = ${lookup.value}`;
    return {
      sql: Prisma.sql`SELECT ${json.text(value)} AS "r" FROM ${ident(TABLES[type].table)} AS ${ident(alias)} WHERE ${where}`,
      shape,
      typename: root.kind === "node" ? type : undefined,
    };
  }
}

/** Sources by id or slug, following a merged-away source's redirect as SourceService does. */
function sourceLookup(alias: string, lookup: { by: "id" | "slug"; value: string }): Sql {
  const redirectColumn = lookup.by === "id" ? "fromId" : "fromSlug";
  return Prisma.sql`${columnOf(alias, "id")} = COALESCE(
    (SELECT s."id" FROM "Source" AS s WHERE ${columnOf("s", lookup.by)} = ${lookup.value}),
    (SELECT r."toId" FROM "SourceRedirect" AS r WHERE ${columnOf("r", redirectColumn)} = ${lookup.value}))`;
}

type Row = Record<string, unknown> & { id: string };

/** Turns the statement's JSON into what the resolvers return: Dates, connections with cursors, relations by response key. */
function shapeValue(shape: Shape, value: unknown): unknown {
  switch (shape.kind) {
    case "node": {
      const row = value as Row;
      for (const column of shape.dates) {
        const raw = row[column];
        if (raw != null) row[column] = new Date(raw as string | number);
      }
      if (shape.relations.length) {
        const raw = row[PLANNED] as Record<string, unknown>;
        const planned: Record<string, unknown> = Object.create(null);
        for (const { sqlKey, responseKey, shape: inner } of shape.relations) planned[responseKey] = shapeValue(inner, raw[sqlKey]);
        row[PLANNED] = planned;
      }
      return row;
    }
    case "one":
      return value == null ? null : shapeValue(shape.node, value);
    case "list":
      return (value as unknown[]).map((item) => shapeValue(shape.node, item));
    case "strings":
      return value;
    case "connection": {
      const { rows, count } = value as { rows: unknown[]; count?: number };
      const nodes = rows.map((row) => shapeValue(shape.node, row) as Row);
      return toConnection(nodes, shape.page, async () => Number(count ?? 0));
    }
  }
}
