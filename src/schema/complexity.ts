import type { ComplexityEstimatorArgs } from "graphql-query-complexity";

/**
 * The price of a plain list field that holds at most `bound` items (a cap its
 * writes enforce): every item is priced, as if the list were full. Pass it as a
 * field's `complexity` option.
 */
export const boundedList =
  (bound: number) =>
  ({ childComplexity }: Pick<ComplexityEstimatorArgs, "childComplexity">) =>
    1 + bound * Math.max(childComplexity, 1);
