import { expectGlobalId, type NodeTypeName } from "../../shared/globalId.ts";
import { checkOperands, FilterScope, isNullAlone, likeOperand, storableDate, type DateFilter, type TextFilter, type ValueFilter } from "./scope.ts";

// Filter inputs translated to Prisma `where` objects. The API reads through the
// SQL compiler (compile.ts); this translation is kept as the reference the tests
// compare it against, and for Prisma reads that combine conditions (allOf).

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
export function textWhere(field: string, filter: TextFilter | undefined | null, scope: FilterScope): Where | undefined {
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

export function dateTimeWhere(filter: DateFilter | undefined | null, scope: FilterScope): Where | null | undefined {
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

export function idWhere(filter: ValueFilter | undefined | null, type: NodeTypeName, scope: FilterScope): Where | undefined {
  if (!filter) return undefined;
  return compact({
    equals: filter.equals == null ? undefined : expectGlobalId(filter.equals, type, scope.at("equals").path),
    in: scope.list(filter.in ?? undefined, "in")?.map((id, i) => expectGlobalId(id, type, scope.at(`in[${i}]`).path)),
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
  const not = filter.NOT ? (translate(filter.NOT, scope.nest("NOT")) ?? {}) : undefined;
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
