import { GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from "graphql";

import { ErrorCode } from "../shared/errors.ts";
import { unstorableText } from "../shared/text.ts";

// Checks every input before anything reads it: text may hold no NUL and no
// lone surrogate (PostgreSQL refuses NUL, and both backends store a lone
// surrogate as U+FFFD, so stored text would no longer be what was sent and
// spans would stop matching it), and input values may nest only so deep,
// checked without recursion, before graphql-js coerces the variables.

/** Objects and lists inside one input value; the deepest input the schema takes (a filter) is far shallower. */
export const MAX_INPUT_DEPTH = 32;

const refused = (message: string, field: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field, ...extra, http: { status: 400 } } });

/** Walks a JSON value breadth-first: no recursion, so no depth can overflow the stack. */
function checkVariables(variables: Record<string, unknown>): void {
  const queue: { value: unknown; path: string; depth: number }[] = Object.entries(variables).map(([name, value]) => ({ value, path: name, depth: 0 }));
  for (let i = 0; i < queue.length; i++) {
    const { value, path, depth } = queue[i]!;
    if (typeof value === "string") {
      const problem = unstorableText(value);
      if (problem) throw refused(`"${path}" ${problem}`, path);
    } else if (value !== null && typeof value === "object") {
      if (depth >= MAX_INPUT_DEPTH) throw refused(`"${path}" nests deeper than the limit of ${MAX_INPUT_DEPTH}`, path, { limit: MAX_INPUT_DEPTH });
      const entries = Array.isArray(value)
        ? value.map((item, i) => [`[${i}]`, item] as const)
        : Object.entries(value).map(([key, item]) => [`.${key}`, item] as const);
      for (const [step, item] of entries) queue.push({ value: item, path: `${path}${step}`, depth: depth + 1 });
    }
  }
}

/** Documents whose literals passed: Apollo reuses a parsed document for every request that sends its text. */
const checkedDocuments = new WeakSet<DocumentNode>();

/** String literals and nesting in the document itself (the parser's token limit already bounds its size). */
function checkLiterals(document: DocumentNode): void {
  if (checkedDocuments.has(document)) return;
  let depth = 0;
  const nests = (node: ValueNode) => node.kind === Kind.OBJECT || node.kind === Kind.LIST;
  visit(document, {
    StringValue(node) {
      const problem = unstorableText(node.value);
      if (problem) throw refused(`A string in the query ${problem}`, "query");
    },
    ObjectValue: { enter: (node) => void (nests(node) && ++depth > MAX_INPUT_DEPTH && tooDeep()), leave: () => void depth-- },
    ListValue: { enter: (node) => void (nests(node) && ++depth > MAX_INPUT_DEPTH && tooDeep()), leave: () => void depth-- },
  });
  checkedDocuments.add(document);
}

function tooDeep(): never {
  throw refused(`An argument in the query nests deeper than the limit of ${MAX_INPUT_DEPTH}`, "query", { limit: MAX_INPUT_DEPTH });
}

/**
 * Refuses unstorable text and over-deep input with BAD_USER_INPUT naming the
 * variable path. The cost plugin calls it before it computes the cost, so it
 * runs before anything reads the variables.
 */
export function guardInput(variables: Record<string, unknown>, document: DocumentNode): void {
  checkVariables(variables);
  checkLiterals(document);
}
