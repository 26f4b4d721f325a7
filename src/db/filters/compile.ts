import { Prisma } from "../../generated/prisma/client.ts";
import { expectGlobalId, fromGlobalId, type NodeTypeName } from "../../shared/globalId.ts";
import type { Provider } from "../databaseUrl.ts";
import { FILTER_ENTITIES, type FilterEntity, type FilterField } from "./entities.ts";
import {
  BranchCounter,
  checkOperands,
  DEFAULT_FILTER_LIMITS,
  FilterScope,
  isNullAlone,
  likeEscaped,
  type DateFilter,
  type TextFilter,
  type ValueFilter,
  likeOperand,
  storableDate,
  ValueCounter,
  type FilterLimits,
} from "./scope.ts";

// Filter inputs → one parameterised SQL boolean condition. Values only ever
// travel as parameters; identifiers come from the whitelist in entities.ts.
//
// A relation filter compiles to an uncorrelated semi-join:
//   "Claim"."id" IN (SELECT f1."claimId" FROM "Appearance" AS f1
//                    WHERE f1."articleId" IN (SELECT f2."id" FROM "Article" AS f2 WHERE …))
// Each subquery names only its own table, so the database runs it once (SQLite
// materialises it, PostgreSQL hashes it or turns it into a join) instead of
// once per outer row, as a correlated EXISTS does: the work grows with the
// rows each level touches, added up, not multiplied along the chain.

type Sql = Prisma.Sql;

export type CompileOptions = {
  provider: Provider;
  /** Input path for error messages, e.g. "filter" or "claims.filter". */
  path?: string;
  limits?: FilterLimits;
  /** Name of the filtered row in the enclosing query; the entity's table name by default. */
  alias?: string;
  /** Prefix of the aliases the subqueries get (f1, f2, …), should the enclosing query use such names. */
  aliasPrefix?: string;
};

const TRUE = Prisma.sql`1=1`;
const FALSE = Prisma.sql`1=0`;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A quoted identifier. Only names from code reach here; the check keeps it so. */
export function ident(name: string): Sql {
  if (!IDENTIFIER.test(name)) throw new Error(`Not an identifier: ${name}`);
  return Prisma.raw(`"${name}"`);
}

/** `"alias"."column"`. */
export function columnOf(alias: string, column: string): Sql {
  return Prisma.sql`${ident(alias)}.${ident(column)}`;
}

/** AND of the present conditions; undefined (no condition) when none is. */
export function andSql(...conditions: (Sql | undefined)[]): Sql | undefined {
  const present = conditions.filter((c): c is Sql => c !== undefined);
  if (present.length <= 1) return present[0];
  return Prisma.join(present, " AND ", "(", ")");
}

function orSql(conditions: Sql[]): Sql {
  return conditions.length === 1 ? conditions[0]! : Prisma.join(conditions, " OR ", "(", ")");
}

/** The conditions ANDed, or `isNull` alone (it combines with nothing else). */
function withIsNull(column: Sql, isNull: boolean | null | undefined, conditions: (Sql | undefined)[], scope: FilterScope): Sql | undefined {
  const alone = isNullAlone(
    isNull,
    conditions.some((c) => c !== undefined),
    scope,
  );
  if (alone !== undefined) return alone ? Prisma.sql`${column} IS NULL` : Prisma.sql`${column} IS NOT NULL`;
  return andSql(...conditions);
}

function inList(column: Sql, values: unknown[]): Sql {
  return values.length === 0 ? FALSE : Prisma.sql`${column} IN (${Prisma.join(values)})`;
}

type Filter = Record<string, unknown> & { AND?: Filter[] | null; OR?: Filter[] | null; NOT?: Filter | null };

class Compiler {
  private aliases = 0;
  private readonly branches: BranchCounter;
  private readonly values = new ValueCounter();

  constructor(
    private readonly provider: Provider,
    private readonly limits: FilterLimits,
    private readonly aliasPrefix: string,
  ) {
    this.branches = new BranchCounter(limits.branches);
  }

  private nextAlias(): string {
    return `${this.aliasPrefix}${++this.aliases}`;
  }

  /** The condition a row `alias` of `entity` must meet; undefined when the filter sets none. */
  entity(entity: FilterEntity, filter: Filter | null | undefined, alias: string, scope: FilterScope): Sql | undefined {
    if (filter == null) return undefined;
    const { fields, logical } = FILTER_ENTITIES[entity];
    const parts: (Sql | undefined)[] = [];
    for (const [name, field] of Object.entries(fields)) {
      const value = filter[name];
      if (value != null) parts.push(this.field(field, value, alias, name, scope));
    }
    if (logical) parts.push(...this.logical(entity, filter, alias, scope));
    return andSql(...parts);
  }

  /**
   * AND/OR/NOT. An operand without conditions matches every row, so it makes
   * an OR true and a NOT false; an empty OR list matches none.
   */
  private logical(entity: FilterEntity, filter: Filter, alias: string, scope: FilterScope): (Sql | undefined)[] {
    checkOperands(filter.AND, "AND", scope);
    checkOperands(filter.OR, "OR", scope);
    const operand = (f: Filter, name: string) => {
      const nested = scope.nest(name);
      this.branches.add(nested.path);
      return this.entity(entity, f, alias, nested);
    };
    const parts: (Sql | undefined)[] = [];
    for (const [i, f] of (filter.AND ?? []).entries()) parts.push(operand(f, `AND[${i}]`));
    if (filter.OR) {
      const or = filter.OR.map((f, i) => operand(f, `OR[${i}]`));
      if (or.length === 0) parts.push(FALSE);
      else if (or.every((c) => c !== undefined)) parts.push(orSql(or as Sql[]));
    }
    if (filter.NOT != null) {
      const not = operand(filter.NOT, "NOT");
      parts.push(not === undefined ? FALSE : Prisma.sql`(NOT ${not})`);
    }
    return parts;
  }

  private field(field: FilterField, value: unknown, alias: string, name: string, scope: FilterScope): Sql | undefined {
    switch (field.kind) {
      case "text":
        return this.text(columnOf(alias, field.column), value as TextFilter, scope.at(name));
      case "date":
        return this.date(columnOf(alias, field.column), value as DateFilter, scope.at(name));
      case "id":
        return this.id(columnOf(alias, "id"), value as ValueFilter, field.node, scope.at(name));
      case "enum": {
        const { equals, in: values } = value as ValueFilter;
        const at = scope.at(name);
        return andSql(
          equals == null ? undefined : Prisma.sql`${columnOf(alias, field.column)} = ${equals}`,
          values == null ? undefined : inList(columnOf(alias, field.column), at.list(values, "in")!),
        );
      }
      case "toOne": {
        // The row's own foreign key, checked for null first: under NOT, a row
        // without the relation must count as not matching it (NULL IN … is NULL).
        const target = this.nextAlias();
        const inner = this.entity(field.target, value as Filter, target, scope.hop(name, this.limits.relationDepth));
        const key = columnOf(alias, field.column);
        return Prisma.sql`(${key} IS NOT NULL AND ${key} IN (${this.ids(field.target, target, inner)}))`;
      }
      case "link": {
        const link = this.nextAlias();
        const target = this.nextAlias();
        const inner = this.entity(field.target, value as Filter, target, scope.hop(name, this.limits.relationDepth));
        // A null among the ids would make `id IN (…)` NULL rather than false for the rows it leaves out, and NOT of that NULL too.
        const present = field.selfNullable ? Prisma.sql` AND ${columnOf(link, field.self)} IS NOT NULL` : Prisma.empty;
        return Prisma.sql`${columnOf(alias, "id")} IN (SELECT ${columnOf(link, field.self)} FROM ${ident(field.table)} AS ${ident(link)} WHERE ${columnOf(link, field.other)} IN (${this.ids(field.target, target, inner)})${present})`;
      }
      case "linkText": {
        const link = this.nextAlias();
        const condition = this.text(columnOf(link, field.column), value as TextFilter, scope.at(name));
        if (condition === undefined) return undefined;
        return Prisma.sql`${columnOf(alias, "id")} IN (SELECT ${columnOf(link, field.self)} FROM ${ident(field.table)} AS ${ident(link)} WHERE ${condition})`;
      }
      case "anyNode": {
        const link = this.nextAlias();
        const node = fromGlobalId(value as string, scope.at(name).path);
        return Prisma.sql`${columnOf(alias, "id")} IN (SELECT ${columnOf(link, field.self)} FROM ${ident(field.table)} AS ${ident(link)} WHERE ${columnOf(link, field.type)} = ${node.type} AND ${columnOf(link, field.id)} = ${node.id})`;
      }
    }
  }

  /** `SELECT alias."id" FROM <entity's table> AS alias [WHERE condition]`. */
  private ids(entity: FilterEntity, alias: string, condition: Sql | undefined): Sql {
    const select = Prisma.sql`SELECT ${columnOf(alias, "id")} FROM ${ident(FILTER_ENTITIES[entity].table)} AS ${ident(alias)}`;
    return condition === undefined ? select : Prisma.sql`${select} WHERE ${condition}`;
  }

  /**
   * equals/in are exact; contains/startsWith/endsWith ignore case, as Prisma
   * does it: LIKE on SQLite (ASCII case-insensitive), ILIKE on PostgreSQL,
   * with the value as a parameter and the wildcards added in SQL.
   */
  private text(column: Sql, filter: TextFilter, scope: FilterScope): Sql | undefined {
    const values = this.values.add(scope.list(filter.in ?? undefined, "in"), scope.at("in").path);
    const like = this.provider === "postgresql" ? Prisma.raw("ILIKE") : Prisma.raw("LIKE");
    // The backslash is the escape character on both backends (PostgreSQL's default; SQLite's only with ESCAPE).
    const escapeClause = Prisma.raw(`ESCAPE '\\'`);
    const operand = (value: string | null | undefined, name: string) => {
      const checked = likeOperand(value, scope.at(name));
      return checked === undefined ? undefined : likeEscaped(checked);
    };
    const [contains, startsWith, endsWith] = [
      operand(filter.contains, "contains"),
      operand(filter.startsWith, "startsWith"),
      operand(filter.endsWith, "endsWith"),
    ];
    const conditions = [
      filter.equals == null ? undefined : Prisma.sql`${column} = ${filter.equals}`,
      values === undefined ? undefined : inList(column, values),
      contains === undefined ? undefined : Prisma.sql`${column} ${like} ('%' || ${contains} || '%') ${escapeClause}`,
      startsWith === undefined ? undefined : Prisma.sql`${column} ${like} (${startsWith} || '%') ${escapeClause}`,
      endsWith === undefined ? undefined : Prisma.sql`${column} ${like} ('%' || ${endsWith}) ${escapeClause}`,
    ];
    return withIsNull(column, filter.isNull, conditions, scope);
  }

  /** Dates travel as Date parameters, which the driver adapters store and compare in Prisma's own format. */
  private date(column: Sql, filter: DateFilter, scope: FilterScope): Sql | undefined {
    const values = this.values.add(scope.list(filter.in ?? undefined, "in"), scope.at("in").path)?.map((date, i) => storableDate(date, scope, `in[${i}]`)!);
    const compare = (operator: string, name: "equals" | "gt" | "gte" | "lt" | "lte") => {
      const value = storableDate(filter[name], scope, name);
      return value === undefined ? undefined : Prisma.sql`${column} ${Prisma.raw(operator)} ${value}`;
    };
    const conditions = [
      compare("=", "equals"),
      values === undefined ? undefined : inList(column, values),
      compare(">", "gt"),
      compare(">=", "gte"),
      compare("<", "lt"),
      compare("<=", "lte"),
    ];
    return withIsNull(column, filter.isNull, conditions, scope);
  }

  /** Global ids, decoded (and checked to be of `node`'s type) as everywhere else. */
  private id(column: Sql, filter: ValueFilter, node: NodeTypeName, scope: FilterScope): Sql | undefined {
    return andSql(
      filter.equals == null ? undefined : Prisma.sql`${column} = ${expectGlobalId(filter.equals, node, scope.at("equals").path)}`,
      filter.in == null
        ? undefined
        : inList(
            column,
            this.values.add(scope.list(filter.in, "in"), scope.at("in").path)!.map((id, i) => expectGlobalId(id, node, scope.at(`in[${i}]`).path)),
          ),
    );
  }
}

/**
 * Compiles a filter input of `entity` (as GraphQL hands it over) into an SQL
 * condition on the row `alias` (the table's own name by default). Returns
 * undefined when the filter sets no condition. Throws BAD_USER_INPUT naming
 * the input path for invalid input and for filters past the limits: relation
 * hops (`limits.relationDepth`), AND/OR/NOT operands (`limits.branches`),
 * nesting (MAX_FILTER_DEPTH) and list sizes (MAX_IN_LIST).
 */
export function compileFilter(entity: FilterEntity, filter: unknown, options: CompileOptions): Sql | undefined {
  const { provider, path = "filter", limits = DEFAULT_FILTER_LIMITS, alias = FILTER_ENTITIES[entity].table, aliasPrefix = "f" } = options;
  return new Compiler(provider, limits, aliasPrefix).entity(entity, filter as Filter | null | undefined, alias, new FilterScope(path));
}

export { TRUE as TRUE_SQL, FALSE as FALSE_SQL };
