import { Field, ID, InputType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";

import { checkOperands, FilterScope, isNullAlone, likeOperand, MAX_IN_LIST, storableDate } from "../db/filters/scope.ts";
import { expectGlobalId, type NodeTypeName } from "./globalId.ts";

// Filter inputs shared by every entity, and their translation to Prisma.
// Text matching (contains, startsWith, endsWith) is case-insensitive on every
// backend; equals and in are exact.
//
// List reads compile filters to SQL (src/db/filters); this Prisma translation
// states the same semantics in Prisma's terms, and the tests hold the two to
// the same results.

export { FilterScope, MAX_FILTER_DEPTH, MAX_IN_LIST } from "../db/filters/scope.ts";

@InputType({ description: "Conditions on a text field. All given conditions must hold." })
export class StringFilter {
  @Field(() => String, { nullable: true, description: "Exactly this text (case-sensitive)." })
  equals?: string;

  @Field(() => [String], { nullable: true, description: `One of these texts (case-sensitive, at most ${MAX_IN_LIST}).` })
  in?: string[];

  @Field(() => String, { nullable: true, description: "Contains this text (case-insensitive)." })
  contains?: string;

  @Field(() => String, { nullable: true, description: "Starts with this text (case-insensitive)." })
  startsWith?: string;

  @Field(() => String, { nullable: true, description: "Ends with this text (case-insensitive)." })
  endsWith?: string;
}

@InputType({ description: "Conditions on an optional text field." })
export class NullableStringFilter extends StringFilter {
  @Field(() => Boolean, { nullable: true, description: "True: the field is empty; false: it has a value." })
  isNull?: boolean;
}

@InputType({ description: "Conditions on an optional date-time field. All given conditions must hold." })
export class DateTimeFilter {
  @Field(() => GraphQLDateTime, { nullable: true, description: "Exactly this instant." })
  equals?: Date;

  @Field(() => [GraphQLDateTime], { nullable: true, description: `One of these instants (at most ${MAX_IN_LIST}).` })
  in?: Date[];

  @Field(() => GraphQLDateTime, { nullable: true, description: "Later than this instant." })
  gt?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: "This instant or later." })
  gte?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: "Earlier than this instant." })
  lt?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: "This instant or earlier." })
  lte?: Date;

  @Field(() => Boolean, { nullable: true, description: "True: the field is empty; false: it has a value." })
  isNull?: boolean;
}

@InputType({ description: "Conditions on an id (global ids, as returned by `id` fields)." })
export class IDFilter {
  @Field(() => ID, { nullable: true, description: "Exactly this id." })
  equals?: string;

  @Field(() => [ID], { nullable: true, description: `One of these ids (at most ${MAX_IN_LIST}).` })
  in?: string[];
}

type Where = Record<string, unknown>;

/** Drops undefined keys so that an empty filter matches everything. */
function compact(where: Where): Where | undefined {
  const entries = Object.entries(where).filter(([, value]) => value !== undefined);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/**
 * Conditions on the text column `field`. `contains`/`startsWith`/`endsWith`
 * ignore case on every backend (SQLite's LIKE does so for ASCII; PostgreSQL
 * needs `mode: "insensitive"`), while `equals`/`in` stay exact, so the two
 * kinds go in separate conditions.
 */
export function textWhere(field: string, filter: StringFilter | NullableStringFilter | undefined | null, scope: FilterScope): Where | undefined {
  if (!filter) return undefined;
  const exact = compact({ equals: filter.equals ?? undefined, in: scope.list(filter.in ?? undefined, "in") });
  const fuzzy = compact({
    contains: likeOperand(filter.contains, scope.at("contains")),
    startsWith: likeOperand(filter.startsWith, scope.at("startsWith")),
    endsWith: likeOperand(filter.endsWith, scope.at("endsWith")),
  });
  const isNull = isNullAlone("isNull" in filter ? filter.isNull : undefined, Boolean(exact || fuzzy), scope);
  if (isNull !== undefined) return { [field]: isNull ? null : { not: null } };
  if (fuzzy && scope.caseInsensitive) fuzzy.mode = "insensitive";
  const parts: Where[] = [];
  if (exact) parts.push({ [field]: exact });
  if (fuzzy) parts.push({ [field]: fuzzy });
  return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { AND: parts };
}

export function dateTimeWhere(filter: DateTimeFilter | undefined | null, scope: FilterScope): Where | null | undefined {
  if (!filter) return undefined;
  const conditions = compact({
    equals: storableDate(filter.equals, scope, "equals"),
    in: scope.list(filter.in ?? undefined, "in")?.map((date, i) => storableDate(date, scope, `in[${i}]`)!),
    gt: storableDate(filter.gt, scope, "gt"),
    gte: storableDate(filter.gte, scope, "gte"),
    lt: storableDate(filter.lt, scope, "lt"),
    lte: storableDate(filter.lte, scope, "lte"),
  });
  return withNullCheck(conditions, filter.isNull, scope);
}

function withNullCheck(conditions: Where | undefined, isNull: boolean | null | undefined, scope: FilterScope) {
  const alone = isNullAlone(isNull, conditions !== undefined, scope);
  if (alone === undefined) return conditions;
  return alone ? null : { not: null };
}

export function idWhere(filter: IDFilter | undefined | null, type: NodeTypeName, scope: FilterScope): Where | undefined {
  if (!filter) return undefined;
  return compact({
    equals: filter.equals == null ? undefined : expectGlobalId(filter.equals, type, scope.at("equals").path),
    in: scope.list(filter.in, "in")?.map((id, i) => expectGlobalId(id, type, scope.at(`in[${i}]`).path)),
  });
}

/** Combines the logical operators of a filter, translating each operand with `translate`. */
export function logicalWhere<F>(
  filter: { AND?: F[] | null; OR?: F[] | null; NOT?: F | null },
  scope: FilterScope,
  translate: (operand: F, scope: FilterScope) => Where | undefined,
): Where {
  const and = filter.AND?.map((f, i) => translate(f, scope.nest(`AND[${i}]`)) ?? {});
  const or = filter.OR?.map((f, i) => translate(f, scope.nest(`OR[${i}]`)) ?? {});
  const not = filter.NOT ? translate(filter.NOT, scope.nest("NOT")) ?? {} : undefined;
  checkOperands(and, "AND", scope);
  checkOperands(or, "OR", scope);
  return compact({ AND: and, OR: or, NOT: not }) ?? {};
}

/** Joins field conditions; undefined entries are left out. */
export function whereOf(fields: Where): Where | undefined {
  return compact(fields);
}

/** AND of the given conditions, skipping absent ones. */
export function allOf<W extends object>(...conditions: (W | undefined)[]): W {
  const present = conditions.filter((c): c is W => c !== undefined && Object.keys(c).length > 0);
  return (present.length === 0 ? {} : present.length === 1 ? present[0] : { AND: present }) as W;
}
