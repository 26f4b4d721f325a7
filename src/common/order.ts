import { registerEnumType } from "type-graphql";

import type { SortColumn, SortDirection } from "./pagination.ts";

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}

registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction. Empty values sort last in either direction.",
  valuesConfig: { ASC: { description: "Ascending." }, DESC: { description: "Descending." } },
});

/** Resolves an order input against an entity's sortable columns. */
export function sortOf<F extends string>(
  columns: Record<F, SortColumn>,
  order: { field: F; direction: OrderDirection } | undefined | null,
  fallback: F,
): { sort: SortColumn; direction: SortDirection } {
  return {
    sort: columns[order?.field ?? fallback],
    direction: order?.direction === OrderDirection.DESC ? "desc" : "asc",
  };
}
