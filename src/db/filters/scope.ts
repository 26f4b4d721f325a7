import { positiveIntegers } from "../../shared/env.ts";
import { UserInputError } from "../../shared/errors.ts";

// Where a filter is being read (its input path) and how deeply it nests, with
// the checks every translation of a filter shares: the SQL compiler here and
// the Prisma translation in prisma.ts.

/** How deeply AND/OR/NOT and relation filters may nest. */
export const MAX_FILTER_DEPTH = 6;
/** How many values an `in` list may hold. */
export const MAX_IN_LIST = 100;

/** How many relation hops a filter may chain, e.g. `claim { article { claimant } }` is 3 (see `FilterScope.hop`). */
export const DEFAULT_FILTER_RELATION_DEPTH = 3;
/** How many AND/OR/NOT operands a whole filter may hold. */
export const DEFAULT_FILTER_BRANCHES = 20;

export type FilterLimits = {
  /** Relation filters nested inside each other (LIMIT_FILTER_RELATION_DEPTH). */
  relationDepth: number;
  /** AND, OR and NOT operands across the whole filter tree (LIMIT_FILTER_BRANCHES). */
  branches: number;
};

export const DEFAULT_FILTER_LIMITS: Readonly<FilterLimits> = Object.freeze({
  relationDepth: DEFAULT_FILTER_RELATION_DEPTH,
  branches: DEFAULT_FILTER_BRANCHES,
});

const ENV: Record<keyof FilterLimits, string> = {
  relationDepth: "LIMIT_FILTER_RELATION_DEPTH",
  branches: "LIMIT_FILTER_BRANCHES",
};

/** Filter limits from LIMIT_FILTER_RELATION_DEPTH and LIMIT_FILTER_BRANCHES (positive integers); defaults where unset. */
export function loadFilterLimits(env: NodeJS.ProcessEnv): FilterLimits {
  return positiveIntegers(env, ENV, DEFAULT_FILTER_LIMITS);
}

/** Tracks the input path, the nesting depth and the relation hops while a filter is translated, and how the backend matches text. */
export class FilterScope {
  constructor(
    readonly path: string,
    readonly depth = 0,
    readonly caseInsensitive = false,
    readonly hops = 0,
  ) {}

  at(name: string): FilterScope {
    return new FilterScope(`${this.path}.${name}`, this.depth, this.caseInsensitive, this.hops);
  }

  /** Enters a nested filter (a relation or a logical operator). */
  nest(name: string): FilterScope {
    if (this.depth + 1 > MAX_FILTER_DEPTH) {
      throw new UserInputError(`"${this.path}.${name}" nests filters deeper than the limit of ${MAX_FILTER_DEPTH}`, `${this.path}.${name}`, {
        limit: MAX_FILTER_DEPTH,
      });
    }
    return new FilterScope(`${this.path}.${name}`, this.depth + 1, this.caseInsensitive, this.hops);
  }

  /** Enters a relation filter: a nested filter that also counts against the relation depth limit. */
  hop(name: string, limit: number): FilterScope {
    const nested = this.nest(name);
    if (this.hops + 1 > limit) {
      throw new UserInputError(`"${nested.path}" chains ${this.hops + 1} relation filters; the limit is ${limit}`, nested.path, { limit });
    }
    return new FilterScope(nested.path, nested.depth, this.caseInsensitive, this.hops + 1);
  }

  list<T>(values: T[] | undefined, name: string): T[] | undefined {
    if (values && values.length > MAX_IN_LIST) {
      throw new UserInputError(`"${this.path}.${name}" lists ${values.length} values; the limit is ${MAX_IN_LIST}`, `${this.path}.${name}`, {
        limit: MAX_IN_LIST,
      });
    }
    return values;
  }
}

/** Counts AND/OR/NOT operands across one filter tree and refuses the one past the limit. */
export class BranchCounter {
  private count = 0;
  constructor(readonly limit: number) {}

  add(path: string): void {
    if (++this.count > this.limit) {
      throw new UserInputError(`"${path}" is operand ${this.count} of AND/OR/NOT in this filter; the limit is ${this.limit}`, path, { limit: this.limit });
    }
  }
}

/** How many `in` values one filter may hold in all: each is a bound parameter, and SQLite takes at most 32,766 per statement. */
export const MAX_FILTER_VALUES = 1_000;

/** Counts the `in` values of one filter against MAX_FILTER_VALUES. */
export class ValueCounter {
  private count = 0;

  add<T>(values: T[] | undefined, path: string): T[] | undefined {
    this.count += values?.length ?? 0;
    if (this.count > MAX_FILTER_VALUES) {
      throw new UserInputError(`"${path}" brings this filter's \`in\` values to ${this.count}; the limit is ${MAX_FILTER_VALUES}`, path, {
        limit: MAX_FILTER_VALUES,
      });
    }
    return values;
  }
}

/** Refuses more operands in one AND or OR list than an `in` list may hold. */
export function checkOperands(operands: unknown[] | null | undefined, name: "AND" | "OR", scope: FilterScope): void {
  if (operands && operands.length > MAX_IN_LIST) {
    throw new UserInputError(`"${scope.path}.${name}" has more than ${MAX_IN_LIST} operands`, `${scope.path}.${name}`);
  }
}

/**
 * An operand of contains/startsWith/endsWith. Prisma emits SQLite LIKE without
 * an ESCAPE clause, so % and _ would act as wildcards and silently over-match;
 * they are refused rather than return wrong rows, on both backends alike. (The
 * compiled SQL escapes the backslash, its escape character: see likeEscaped.)
 */
export function likeOperand(value: string | null | undefined, scope: FilterScope): string | undefined {
  if (value == null) return undefined;
  if (/[%_]/.test(value)) {
    throw new UserInputError(`"${scope.path}" cannot contain % or _ (they cannot be matched literally yet); use equals or in`, scope.path);
  }
  return value;
}

// Years both backends store: PostgreSQL has no year 0, and neither handles year 10000.
// (Date.UTC would read year 1 as 1901.)
export const EARLIEST_DATE = Date.parse("0001-01-01T00:00:00.000Z");
export const LATEST_DATE = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function storableDate(value: Date | null | undefined, scope: FilterScope, name: string): Date | undefined {
  if (value == null) return undefined;
  const time = value.getTime();
  if (!(time >= EARLIEST_DATE && time <= LATEST_DATE)) {
    throw new UserInputError(`"${scope.path}.${name}" must be between the years 1 and 9999`, `${scope.path}.${name}`);
  }
  return value;
}

/** `isNull` stands alone: it cannot be combined with other conditions on the same field. */
export function isNullAlone(isNull: boolean | null | undefined, hasOthers: boolean, scope: FilterScope): boolean | undefined {
  if (isNull == null) return undefined;
  if (hasOthers) throw new UserInputError(`"${scope.path}.isNull" cannot be combined with other conditions`, `${scope.path}.isNull`);
  return isNull;
}

/** A LIKE operand with the escape character itself escaped, for `LIKE … ESCAPE '\\'` (% and _ are refused before). */
export const likeEscaped = (operand: string) => operand.replaceAll("\\", "\\\\");

// The shapes of the filter inputs, as GraphQL hands them over: what both translations read.
export type TextFilter = {
  equals?: string | null;
  in?: string[] | null;
  contains?: string | null;
  startsWith?: string | null;
  endsWith?: string | null;
  isNull?: boolean | null;
};
export type DateFilter = {
  equals?: Date | null;
  in?: Date[] | null;
  gt?: Date | null;
  gte?: Date | null;
  lt?: Date | null;
  lte?: Date | null;
  isNull?: boolean | null;
};
export type ValueFilter = { equals?: string | null; in?: string[] | null };
