import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";
import { GraphQLError, Kind, valueFromASTUntyped, visit, type DocumentNode, type GraphQLSchema, type ValidationRule } from "graphql";

import { filterCost } from "../db/filters/index.ts";
import { guardInput } from "./inputGuard.ts";

import { DEFAULT_PAGE_SIZE } from "../db/pages.ts";
import { DEFAULT_RESPONSE_BYTES } from "../graphql/responseBudget.ts";
import { positiveIntegers } from "../shared/env.ts";

// Query limits. graphql-armor checks depth, aliases and directives;
// graphql-js's parser stops at the token limit (Apollo's parseOptions);
// graphql-query-complexity computes the cost, because it sees the variables,
// so `first: $n` multiplies the cost of what each page holds.

export type QueryLimits = { depth: number; aliases: number; directives: number; tokens: number; cost: number; responseBytes: number };

// Defaults tuned to this schema: a connection costs two levels (edges, node),
// and the standard introspection query is 13 deep and 163 tokens.
export const DEFAULT_LIMITS: QueryLimits = { depth: 15, aliases: 15, directives: 50, tokens: 2_000, cost: 25_000, responseBytes: DEFAULT_RESPONSE_BYTES };

const ENV: Record<keyof QueryLimits, string> = {
  depth: "LIMIT_DEPTH",
  aliases: "LIMIT_ALIASES",
  directives: "LIMIT_DIRECTIVES",
  tokens: "LIMIT_TOKENS",
  cost: "LIMIT_COST",
  responseBytes: "LIMIT_RESPONSE_BYTES",
};

export function loadLimits(env: NodeJS.ProcessEnv): QueryLimits {
  return positiveIntegers(env, ENV, DEFAULT_LIMITS);
}

// Thrown from a plugin hook, so it names its HTTP status (Apollo would answer 500). As in every error,
// `limit` is the number; `setting` names the variable that sets it and `value` what the request reached.
export const limitError = (message: string, setting: string, limit: number, value: number) =>
  new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit, setting, value, http: { status: 400 } } });

/** Introspection is allowed once per operation: `__schema` repeated under aliases is refused. */
const singleSchemaIntrospection: ValidationRule = (context) => {
  let seen = 0;
  return {
    Field(node) {
      if (node.name.value === "__schema" && ++seen === 2) {
        context.reportError(new GraphQLError("Introspection: __schema may appear only once per operation", { nodes: [node] }));
      }
    },
  };
};

/** graphql-armor's rules and plugins for depth, aliases, directives and tokens. */
export function armor(limits: QueryLimits) {
  const protection = new ApolloArmor({
    // Introspection counts too: the standard query fits, deeper `ofType` chains do not.
    maxDepth: { n: limits.depth, flattenFragments: true, ignoreIntrospection: false },
    maxAliases: { n: limits.aliases },
    maxDirectives: { n: limits.directives },
    // graphql-armor's token plugin throws from a hook, which Apollo answers with 500; the parser's own limit answers 400.
    maxTokens: { enabled: false },
    // Cost is computed by costPlugin, which knows `first`/`last`.
    costLimit: { enabled: false },
    // Suggestions are removed in production by Apollo's own plugin (server.ts).
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins: protection.plugins, validationRules: [...protection.validationRules, singleSchemaIntrospection] };
}

// A field costs 1; a page of a connection costs its size times what each item costs.
const pageEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  if (field.name.startsWith("__")) return 0;
  const isConnection = "first" in (args ?? {}) || field.args?.some((arg) => arg.name === "first");
  if (!isConnection) return undefined;
  const size = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
  return 1 + (Number.isFinite(size) && size > 0 ? size : DEFAULT_PAGE_SIZE) * Math.max(childComplexity, 1);
};

// Extraction reads the text it is given: 1 per 1,000 characters.
const textEstimator: ComplexityEstimator = ({ args, field }) => {
  const text = field.name === "extractClaims" ? args?.text : field.name === "importArticle" ? args?.input?.body : undefined;
  return typeof text === "string" ? 1 + Math.ceil(text.length / 1_000) : undefined;
};

/**
 * What the filters of a document cost, each counted once where it is written:
 * a nested connection's filter runs in one statement for all its parents, so
 * it is not multiplied by the parents' page size.
 */
function filtersCost(document: DocumentNode, variables: Record<string, unknown>): number {
  let cost = 0;
  visit(document, {
    Argument(node) {
      if (node.name.value === "filter" && node.value.kind !== Kind.NULL) cost += filterCost(valueFromASTUntyped(node.value, variables));
    },
  });
  return cost;
}

/** Costs kept per document (Apollo reuses a parsed document for every request that sends its text), by operation and variables. */
const knownCosts = new WeakMap<DocumentNode, Map<string, number>>();
/** Per document: enough for the variable sets a page sends again and again, and bounded. */
const KNOWN_COSTS_PER_DOCUMENT = 16;
/** Variables longer than this as JSON are priced every time rather than kept. */
const KNOWN_COST_VARIABLES_CHARS = 1_000;

/** The cost of an operation with its variables; undefined when the variables do not coerce (execution reports them). */
function costOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number | undefined {
  const json = JSON.stringify(variables);
  const key = json.length <= KNOWN_COST_VARIABLES_CHARS ? `${operationName ?? ""}\u0000${json}` : undefined;
  const known = knownCosts.get(document);
  const cached = key === undefined ? undefined : known?.get(key);
  if (cached !== undefined) return cached;
  let cost: number;
  try {
    cost =
      getComplexity({
        schema,
        query: document,
        operationName,
        variables,
        // A field's own `complexity` (bounded lists, nodes) comes first.
        estimators: [fieldExtensionsEstimator(), textEstimator, pageEstimator, simpleEstimator({ defaultComplexity: 1 })],
      }) + filtersCost(document, variables);
  } catch {
    return undefined;
  }
  if (key !== undefined) {
    const costs = known ?? new Map<string, number>();
    if (costs.size >= KNOWN_COSTS_PER_DOCUMENT) costs.delete(costs.keys().next().value!);
    costs.set(key, cost);
    if (!known) knownCosts.set(document, costs);
  }
  return cost;
}

/** Refuses operations whose cost, with their variables, exceeds the limit. */
export function costPlugin(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          // Runs in the same hook as the cost, first: nothing below reads input the guard would refuse.
          guardInput(request.variables ?? {}, document);
          const cost = costOf(schema, document, request.operationName ?? undefined, request.variables ?? {});
          if (cost !== undefined && cost > limits.cost) throw limitError(`Query cost ${cost} exceeds the limit of ${limits.cost}`, ENV.cost, limits.cost, cost);
        },
      };
    },
  };
}
