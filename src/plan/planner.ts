import { getArgumentValues, GraphQLError, type FieldNode, type GraphQLResolveInfo } from "graphql";

import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "../db/client.ts";
import { andSql, columnOf, ident, type FilterLimits } from "../db/filters/index.ts";
import type { Viewer } from "../schema/auth.ts";
import type { ResponseBudget } from "../graphql/responseBudget.ts";
import { toConnection } from "../db/pages.ts";
import { fromGlobalId, expectGlobalId } from "../shared/globalId.ts";
import { idOrSlug } from "../shared/lookup.ts";
import { DIALECTS } from "./plan.sql.ts";
import { PLANNED, PlanCompiler, Unplannable, type Compiled, type Shape } from "./plan.compile.ts";
import { MAX_NODES } from "../node/node.ts";
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
    private readonly viewer: Viewer,
    private readonly observe?: PlanObserver,
    private readonly budget?: ResponseBudget,
  ) {}

  /** Statements already started for root fields (by their first field node), which plan() then answers from. */
  private readonly started = new Map<FieldNode, Promise<unknown>>();

  plan(info: GraphQLResolveInfo): Promise<unknown> | undefined {
    const started = this.started.get(info.fieldNodes[0]!);
    if (started) return started;
    const statement = this.prepare(info);
    return statement && this.run(statement, info);
  }

  /** The root field's statement, or undefined when the resolvers answer it (see plan). */
  prepare(info: GraphQLResolveInfo): PlannedStatement | undefined {
    // A statement depends on the field's selection, the variables and the viewer's role (what rows it may see).
    const field = info.fieldNodes[0]!;
    const variables = JSON.stringify(info.variableValues);
    // Only a field written once: merged field nodes (the same response key twice) are compiled every time.
    const key =
      info.fieldNodes.length === 1 && variables.length <= KNOWN_VARIABLES_CHARS
        ? `${this.db.provider}\u0000${this.viewer?.role ?? ""}\u0000${variables}`
        : undefined;
    const known = compiled.get(field);
    const hit = key === undefined ? undefined : known?.get(key);
    if (hit !== undefined) return hit ?? undefined;
    let statement: PlannedStatement | undefined;
    try {
      statement = this.compile(info);
    } catch (error) {
      // The resolvers report bad arguments (with their own paths) and answer what the planner does not know.
      if (!(error instanceof Unplannable || error instanceof GraphQLError)) throw error;
    }
    if (key !== undefined) {
      const statements = known ?? new Map<string, PlannedStatement | null>();
      if (statements.size >= KNOWN_STATEMENTS_PER_FIELD) statements.delete(statements.keys().next().value!);
      statements.set(key, statement ?? null);
      if (!known) compiled.set(field, statements);
    }
    return statement;
  }

  /** Runs a prepared statement; its value is what the root field's resolver would have returned. */
  run({ sql, shape }: PlannedStatement, info: GraphQLResolveInfo): Promise<unknown> {
    this.observe?.({ field: info.fieldName, sql: sql.sql, values: sql.values });
    const result = this.db.readText(sql).then((text) => {
      // JSON this much larger than the response ceiling cannot answer within it (a response holds every planned
      // value at least once, and a row's id and sort key are small): refused before it is parsed and walked.
      if (text != null && this.budget && text.length > this.budget.limit * JSON_PER_RESPONSE_BYTE) this.budget.charge(text.length);
      return text == null ? null : shapeValue(shape, JSON.parse(text));
    });
    // Should graphql-js run the operation after all, its resolver takes this result rather than running it again.
    this.started.set(info.fieldNodes[0]!, result);
    return result;
  }

  private compile(info: GraphQLResolveInfo): PlannedStatement | undefined {
    if (info.parentType !== info.schema.getQueryType() || !Object.hasOwn(ROOT_FIELDS, info.fieldName)) return undefined;
    const root = ROOT_FIELDS[info.fieldName as RootField];
    const compiler = new PlanCompiler(info, this.db.provider, this.filterLimits, this.viewer);
    const json = DIALECTS[this.db.provider];
    const args = getArgumentValues(info.parentType.getFields()[info.fieldName]!, info.fieldNodes[0]!, info.variableValues);
    const statement = (value: Sql, shape: Shape): PlannedStatement => ({
      sql: Prisma.sql`SELECT ${json.text(value)} AS "r"`,
      shape,
      usesResolvers: compiler.usesResolvers,
    });
    switch (root.kind) {
      case "connection": {
        const { json: value, shape } = compiler.connection(root, info.fieldNodes, args);
        return statement(value, shape);
      }
      case "node": {
        const { type, id } = fromGlobalId(String(args.id), "id");
        if (!isPlanned(type)) return undefined;
        const node = this.lookup(compiler, type, { by: "id", value: id }, info, true);
        return statement(node.json, node.shape);
      }
      case "nodes": {
        const ids = args.ids as string[];
        if (ids.length > MAX_NODES) return undefined;
        // Each id once, at its first place, compared decoded (as NodeResolver.nodes does).
        const seen = new Set<string>();
        const nodes: Compiled[] = [];
        ids.forEach((globalId, i) => {
          const { type, id } = fromGlobalId(globalId, `ids[${i}]`);
          if (!isPlanned(type)) throw new Unplannable(type);
          if (seen.has(`${type}:${id}`)) return;
          seen.add(`${type}:${id}`);
          nodes.push(this.lookup(compiler, type, { by: "id", value: id }, info, true));
        });
        return statement(json.tuple(nodes.map((node) => node.json)), { kind: "tuple", items: nodes.map((node) => node.shape) });
      }
      default: {
        const { type } = root;
        const lookup: Lookup =
          root.kind === "byId"
            ? { by: "id", value: expectGlobalId(String(args.id), type, "id") }
            : idOrSlug(type, args.id as string | null | undefined, args.slug as string | null | undefined);
        const node = this.lookup(compiler, type, lookup, info, false);
        return statement(node.json, node.shape);
      }
    }
  }

  /** One row of `type` found by id or slug, as a JSON subquery (null when none): typed for the Node interface when `tagged`. */
  private lookup(compiler: PlanCompiler, type: PlannedType, lookup: Lookup, info: GraphQLResolveInfo, tagged: boolean): Compiled {
    const alias = compiler.nextAlias();
    const node = compiler.node(type, info.fieldNodes, alias);
    const found = type === "Source" ? sourceLookup(alias, lookup) : Prisma.sql`${columnOf(alias, lookup.by)} = ${lookup.value}`;
    const where = andSql(found, compiler.visible(type, alias))!;
    const json = DIALECTS[this.db.provider].embed(Prisma.sql`SELECT ${node.json} FROM ${ident(TABLES[type].table)} AS ${ident(alias)} WHERE ${where}`);
    return { json, shape: { kind: "one", node: tagged ? { ...node.shape, typename: type } : node.shape } };
  }
}

type Lookup = { by: "id" | "slug"; value: string };

/** A root field's one statement, the shape of its JSON, and whether some selected field still needs its resolver. */
export type PlannedStatement = { sql: Sql; shape: Shape; usesResolvers: boolean };

/**
 * Statements compiled before, by root field node: Apollo reuses a parsed document for every request that sends its
 * text, so a page's query compiles once. Bounded per field (variable sets) and by the documents Apollo keeps.
 */
const compiled = new WeakMap<FieldNode, Map<string, PlannedStatement | null>>();
const KNOWN_STATEMENTS_PER_FIELD = 16;
/** Variables longer than this as JSON are compiled every time rather than kept. */
const KNOWN_VARIABLES_CHARS = 1_000;

/** Where a planned connection keeps its count (when totalCount is selected), for the planned response. */
export const PLANNED_COUNT = "__plannedCount";

/** Bytes of planned JSON a response byte may stand for (ids and sort keys of rows with tiny selections). */
const JSON_PER_RESPONSE_BYTE = 3;

/** Node types the table map covers; a node of any other type is left to NodeResolver. */
const isPlanned = (type: string): type is PlannedType => Object.hasOwn(TABLES, type);

/** Sources by id or slug, following a merged-away source's redirect as SourceService does. */
function sourceLookup(alias: string, lookup: Lookup): Sql {
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
      // Node.resolveType reads it, as it reads the tag NodeResolver puts on loaded rows.
      if (shape.typename) row.__typename = shape.typename;
      for (const column of shape.dates) {
        const raw = row[column];
        if (raw != null) row[column] = new Date(raw as string | number);
      }
      if (shape.relations.length) {
        const planned: Record<string, unknown> = Object.create(null);
        for (const { sqlKey, responseKey, shape: inner } of shape.relations) planned[responseKey] = shapeValue(inner, row[sqlKey]);
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
    case "tuple":
      return shape.items.map((item, i) => shapeValue(item, (value as unknown[])[i]));
    case "connection": {
      const { rows, count } = (shape.counted ? value : { rows: value }) as { rows: unknown[]; count?: number };
      // The look-ahead row may come as null (see JsonDialect.page): only its presence counts.
      const nodes = rows.map((row) => (row == null ? row : shapeValue(shape.node, row)) as Row);
      return Object.assign(
        toConnection(nodes, shape.page, async () => Number(count ?? 0)),
        { [PLANNED_COUNT]: Number(count ?? 0) },
      );
    }
  }
}
