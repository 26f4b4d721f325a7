import { RELATION_FIELDS } from "./entities.ts";

// What a filter costs, for the query-cost limit. A condition on the row itself
// costs 1. A relation hop is a semi-join over another table, and each hop
// deeper can reach more rows (claim → article → every claim of that article),
// so a hop costs RELATION_HOP_COST times its depth: 100 for the first, 200 for
// one nested in it, and so on. Operands add up, so fan-out multiplies the
// price: a 100-branch OR of `article { claim { … } }` costs over 30,000, while
// `claimant { slug { equals } }` costs 101.

export const RELATION_HOP_COST = 100;

/**
 * Prices a filter argument as GraphQL hands it over (coerced input objects).
 * Pure and total: anything that is not a filter object costs 0, so it can run
 * before validation.
 */
export function filterCost(filterValue: unknown): number {
  return costOf(filterValue, 0);
}

function costOf(filter: unknown, hops: number): number {
  if (filter == null || typeof filter !== "object" || Array.isArray(filter)) return 0;
  let total = 0;
  for (const [key, value] of Object.entries(filter)) {
    if (value == null) continue;
    if (key === "AND" || key === "OR") {
      // GraphQL coerces a single operand to a list of one: `OR: {…}` is priced as `OR: [{…}]`.
      for (const operand of Array.isArray(value) ? value : [value]) total += 1 + costOf(operand, hops);
    } else if (key === "NOT") {
      total += 1 + costOf(value, hops);
    } else if (RELATION_FIELDS.has(key) && typeof value === "object" && !Array.isArray(value)) {
      total += RELATION_HOP_COST * (hops + 1) + costOf(value, hops + 1);
    } else if (typeof value === "object" && !Array.isArray(value)) {
      // A condition on a field: 1 per operator given (equals, contains, …) and 1 per `in` value.
      const operators = Object.values(value).filter((v) => v != null);
      total += Math.max(
        1,
        operators.reduce((sum: number, v) => sum + (Array.isArray(v) ? v.length : 1), 0),
      );
    } else {
      total += 1;
    }
  }
  return total;
}
