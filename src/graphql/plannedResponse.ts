import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import {
  getNamedType,
  getVariableValues,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { collectFields, collectSubfields } from "graphql/execution/collectFields.js";

import { PLANNED } from "../plan/plan.compile.ts";
import { PLANNED_COUNT, type Planner, type PlannedStatement } from "../plan/planner.ts";
import { ROOT_FIELDS, TABLES, type PlannedType } from "../plan/plan.tables.ts";
import { toGlobalId } from "../shared/globalId.ts";
import type { Context } from "./context.ts";
import type { ResponseBudget } from "./responseBudget.ts";

// A query whose every root field the planner compiles, with no field left to a
// resolver, is answered here from the statements' JSON: a walk over the
// selection that does what graphql-js would (fragments, @skip/@include,
// aliases, serialising scalars, metering the response), without a resolver
// call, a promise or an info object per field. Anything else, and any value
// this walk does not expect, goes to graphql-js, which then reuses the
// statements already run (Planner.plan).

/** A value the walk does not answer; graphql-js executes the operation instead. */
class NotProjectable extends Error {}

type Row = Record<string, unknown>;
type Fields = Map<string, readonly FieldNode[]>;

/** Answers planned queries without graphql-js execution (see above). */
export function plannedResponsePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, document, request, contextValue, schema }) {
          const planner = contextValue.planner;
          if (!planner || operation.operation !== "query") return null;
          const data = await respondFromPlan(planner, contextValue.responseBudget, {
            schema,
            operation,
            fragments: fragmentsOf(document),
            variables: request.variables ?? {},
          });
          if (data === undefined) return null;
          contextValue.answeredFromPlan = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: { data } } };
        },
      };
    },
  };
}

/** The document's fragments by name, as graphql-js's execution context holds them. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const definition of document.definitions) {
    if (definition.kind === "FragmentDefinition") fragments[definition.name.value] = definition;
  }
  return fragments;
}

type Operation = {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
};

/**
 * The response's data; null when it ran past the response ceiling (whose error responseBudgetPlugin gives);
 * undefined when graphql-js should execute the operation.
 */
export async function respondFromPlan(planner: Planner, budget: ResponseBudget | undefined, { schema, operation, fragments, variables }: Operation) {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return undefined;
  const variableValues = coerced.coerced;
  const query = schema.getQueryType()!;
  const roots = collectFields(schema, fragments, variableValues, query, operation.selectionSet);
  const statements: { key: string; info: GraphQLResolveInfo; statement: PlannedStatement }[] = [];
  for (const [key, fieldNodes] of roots) {
    const fieldName = fieldNodes[0]!.name.value;
    if (fieldName === "__typename") continue;
    if (!Object.hasOwn(ROOT_FIELDS, fieldName)) return undefined;
    // What the planner reads of a resolver's info.
    const info = {
      schema,
      fragments,
      variableValues,
      operation,
      fieldName,
      fieldNodes,
      parentType: query,
      returnType: query.getFields()[fieldName]!.type,
      path: { prev: undefined, key, typename: query.name },
      rootValue: undefined,
    } satisfies GraphQLResolveInfo;
    const statement = planner.prepare(info);
    if (!statement || statement.usesResolvers) return undefined;
    statements.push({ key, info, statement });
  }
  if (statements.length === 0) return undefined;
  let values: unknown[];
  try {
    values = await Promise.all(statements.map(({ statement, info }) => planner.run(statement, info)));
  } catch {
    // graphql-js reports the failure where it belongs, from the same settled statements.
    return undefined;
  }
  const walk = new Projection(schema, fragments, variableValues, budget);
  try {
    const data: Row = {};
    let next = 0;
    for (const [key, fieldNodes] of roots) {
      const field = fieldNodes[0]!.name.value;
      if (field === "__typename") {
        data[key] = query.name;
        continue;
      }
      budget?.chargeKey(key);
      data[key] = walk.value(query.getFields()[field]!.type, fieldNodes, values[next++]);
    }
    return data;
  } catch (error) {
    // Past the response ceiling: responseBudgetPlugin answers with its one error.
    if (budget?.exceeded) return null;
    if (error instanceof NotProjectable) return undefined;
    throw error;
  }
}

class Projection {
  private readonly subfields = new Map<GraphQLObjectType, WeakMap<readonly FieldNode[], Fields>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variableValues: Record<string, unknown>,
    private readonly budget: ResponseBudget | undefined,
  ) {}

  value(type: GraphQLOutputType, fieldNodes: readonly FieldNode[], raw: unknown): unknown {
    if (isNonNullType(type)) {
      const value = this.value(type.ofType, fieldNodes, raw);
      // graphql-js says which field broke its type.
      if (value == null) throw new NotProjectable("null in a non-null field");
      return value;
    }
    if (raw == null) return null;
    if (isListType(type)) {
      if (!Array.isArray(raw)) throw new NotProjectable("a list that is not an array");
      return raw.map((item) => this.value(type.ofType, fieldNodes, item));
    }
    if (isLeafType(type)) return type.serialize(raw);
    if (isAbstractType(type)) {
      const runtime = this.schema.getType(String((raw as Row).__typename));
      if (!isObjectType(runtime) || !this.schema.isSubType(type, runtime)) throw new NotProjectable("an unknown runtime type");
      return this.object(runtime, fieldNodes, raw as Row);
    }
    return this.object(type, fieldNodes, raw as Row);
  }

  private object(type: GraphQLObjectType, fieldNodes: readonly FieldNode[], row: Row): Row {
    const read = readerFor(type);
    const fields = type.getFields();
    const out: Row = {};
    for (const [key, nodes] of this.fieldsOf(type, fieldNodes)) {
      const name = nodes[0]!.name.value;
      if (name === "__typename") {
        out[key] = type.name;
        continue;
      }
      const field = fields[name];
      if (!field) throw new NotProjectable(`${type.name}.${name}`);
      this.budget?.chargeKey(key);
      const raw = read(row, name, key);
      if (this.budget && isLeafType(getNamedType(field.type))) this.budget.chargeLeaf(raw);
      out[key] = this.value(field.type, nodes, raw);
    }
    return out;
  }

  /** The fields selected on `type` under these field nodes, as graphql-js collects them (once per selection). */
  private fieldsOf(type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): Fields {
    let byNodes = this.subfields.get(type);
    if (!byNodes) {
      byNodes = new WeakMap();
      this.subfields.set(type, byNodes);
    }
    let fields = byNodes.get(fieldNodes);
    if (!fields) {
      fields = collectSubfields(this.schema, this.fragments, this.variableValues, type, fieldNodes);
      byNodes.set(fieldNodes, fields);
    }
    return fields;
  }
}

type Reader = (row: Row, field: string, responseKey: string) => unknown;

const readers = new WeakMap<GraphQLObjectType, Reader>();

/** How a field of `type` reads a planned value: as the type's resolvers would. */
function readerFor(type: GraphQLObjectType): Reader {
  let reader = readers.get(type);
  if (reader) return reader;
  const name = type.name;
  if (Object.hasOwn(TABLES, name)) {
    const table = TABLES[name as PlannedType];
    reader = (row, field, responseKey) => {
      if (field === "id") return toGlobalId(name as PlannedType, row.id as string);
      if (Object.hasOwn(table.relations, field)) return (row[PLANNED] as Row)[responseKey];
      const column = table.scalars[field];
      if (column === undefined) throw new NotProjectable(`${name}.${field}`);
      return row[column];
    };
  } else if (name.endsWith("Connection") || name.endsWith("Edge") || name === "PageInfo") {
    reader = (row, field) => (field === "totalCount" ? row[PLANNED_COUNT] : row[field]);
  } else {
    reader = () => {
      throw new NotProjectable(name);
    };
  }
  readers.set(type, reader);
  return reader;
}
