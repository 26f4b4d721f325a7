import type { ApolloServerPlugin } from "@apollo/server";
import { defaultFieldResolver, getNamedType, GraphQLError, isLeafType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";

import { ErrorCode } from "../shared/errors.ts";

// A ceiling on the size of a response, counted while graphql-js builds it, so
// that a small query cannot make the server assemble hundreds of megabytes
// before anything notices. Each resolved field charges its key and, for leaf
// values, the bytes its JSON takes; past the limit every further field throws
// at once, so execution stops descending, and the plugin below replaces the
// partial result with one error.

export const DEFAULT_RESPONSE_BYTES = 10_000_000;

/** Per-request count of the response's bytes so far. */
export class ResponseBudget {
  private used = 0;
  /** Set once the limit is passed; every field resolved after that throws it. */
  exceeded: GraphQLError | null = null;
  /** Response keys of the root mutation fields that ran to completion, so a client knows which writes were made. */
  readonly applied: string[] = [];

  constructor(readonly limit: number) {}

  /** A field's response key, as sent: an alias can be far longer than the field's name. */
  chargeKey(key: string | number): void {
    this.charge(String(key).length + KEY_OVERHEAD);
  }

  /** A leaf field's value, by the bytes its JSON takes. */
  chargeLeaf(value: unknown): void {
    this.charge(jsonBytes(value));
  }

  charge(bytes: number): void {
    if (this.exceeded) throw this.exceeded;
    this.used += bytes;
    if (this.used > this.limit) {
      this.exceeded = new GraphQLError(`The response exceeds the limit of ${this.limit} bytes; select fewer fields or smaller pages`, {
        // A path makes graphql-js reuse this one error for every field that fails after it, instead of
        // building (and capturing a stack for) a new error per field.
        path: [],
        extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, limit: this.limit },
      });
      throw this.exceeded;
    }
  }
}

// `"key":` plus a separator; the value is charged apart for leaves.
const KEY_OVERHEAD = 4;

// JSON writes a quote or backslash as two bytes and a control character as six (\u0001).
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
const NEEDS_ESCAPE_ALL = /["\\\u0000-\u001f]/g;
function escapeBytes(text: string): number {
  if (!NEEDS_ESCAPE.test(text)) return 0;
  let extra = 0;
  for (const [char] of text.matchAll(NEEDS_ESCAPE_ALL)) extra += char === '"' || char === "\\" || "\b\f\n\r\t".includes(char) ? 1 : 5;
  return extra;
}

/** Bytes a leaf value takes in the JSON response (strings in UTF-8, other scalars by their usual width). */
function jsonBytes(value: unknown): number {
  if (value == null) return 4;
  if (typeof value === "string") return Buffer.byteLength(value, "utf8") + 2 + escapeBytes(value);
  if (typeof value === "number" || typeof value === "bigint") return 20;
  if (typeof value === "boolean") return 5;
  if (value instanceof Date) return 26;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + jsonBytes(item) + 1, 2);
  return JSON.stringify(value)?.length ?? 4;
}

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as Promise<unknown> | null)?.then === "function";

type BudgetContext = { responseBudget?: ResponseBudget } | undefined;

/**
 * Wraps every field of the schema's object types with the budget. Requests
 * whose context carries no budget (scripts, unit tests) are not metered.
 */
export function meterResponses(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const isMutation = type === schema.getMutationType();
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, BudgetContext> = field.resolve ?? defaultFieldResolver;
      const leaf = isLeafType(getNamedType(field.type));
      field.resolve = (source, args, context: BudgetContext, info) => {
        const budget = context?.responseBudget;
        if (!budget) return resolve(source, args, context, info);
        budget.chargeKey(info.path.key);
        const value = resolve(source, args, context, info);
        if (isMutation) {
          const key = info.fieldNodes[0]?.alias?.value ?? info.fieldName;
          return Promise.resolve(value).then((done) => (budget.applied.push(key), done));
        }
        if (!leaf) return value;
        if (isPromise(value)) {
          return value.then((resolved) => {
            budget.chargeLeaf(resolved);
            return resolved;
          });
        }
        budget.chargeLeaf(value);
        return value;
      };
    }
  }
  return schema;
}

/**
 * Answers a request that ran out of budget with its one error and no data,
 * instead of the partial tree. A mutation's writes were made and stay made:
 * `extensions.applied` lists the root fields that ran (the ones after the
 * limit tripped did not).
 */
export function responseBudgetPlugin(): ApolloServerPlugin<{ responseBudget?: ResponseBudget }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation }) {
          const budget = contextValue.responseBudget;
          if (!budget?.exceeded || response.body.kind !== "single") return;
          const mutation = operation?.operation === "mutation";
          const { applied } = budget;
          const message = !mutation
            ? budget.exceeded.message
            : applied.length
              ? `${budget.exceeded.message}. These mutations were applied: ${applied.join(", ")}; read their results with a smaller query`
              : `${budget.exceeded.message}. No mutation was applied`;
          response.body.singleResult = {
            errors: [{ message, extensions: { ...budget.exceeded.extensions, ...(mutation ? { applied } : {}) } }],
            data: null,
          };
          response.http.status = mutation && applied.length ? 200 : 400;
        },
      };
    },
  };
}
