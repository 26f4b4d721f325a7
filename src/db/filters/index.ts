// Filter inputs → SQL: the one place that turns a GraphQL filter into a WHERE
// condition, for list reads today and for compiled whole-query reads later.
export { andSql, columnOf, compileFilter, FALSE_SQL, ident, TRUE_SQL, type CompileOptions } from "./compile.ts";
export { filterCost, RELATION_HOP_COST } from "./cost.ts";
export { FILTER_ENTITIES, RELATION_FIELDS, type FilterEntity, type FilterEntityInfo, type FilterField } from "./entities.ts";
export {
  DEFAULT_FILTER_BRANCHES,
  DEFAULT_FILTER_LIMITS,
  DEFAULT_FILTER_RELATION_DEPTH,
  FilterScope,
  loadFilterLimits,
  MAX_FILTER_DEPTH,
  MAX_IN_LIST,
  type FilterLimits,
} from "./scope.ts";
