import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import {
  getNamedType,
  getVariableValues,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  visit,
  type DirectiveNode,
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
  const project = projectionOf(schema, operation, fragments, variableValues, roots);
  if (!project) return undefined;
  try {
    const data: Row = {};
    let next = 0;
    for (const [key, fieldNodes] of roots) {
      if (fieldNodes[0]!.name.value === "__typename") {
        data[key] = query.name;
        continue;
      }
      budget?.chargeKey(key);
      data[key] = project.get(key)!(values[next++], budget);
    }
    return data;
  } catch (error) {
    // Past the response ceiling: responseBudgetPlugin answers with its one error.
    if (budget?.exceeded) return null;
    if (error instanceof NotProjectable) return undefined;
    throw error;
  }
}

// The walk is compiled once per operation and values of its @skip/@include variables (Apollo keeps the parsed document, so its
// nodes are the same objects from one request to the next): each selected field becomes a closure that reads its
// value and serialises it, and a response is then one pass of those closures over the statements' values.

/** Serialises one planned value as the response has it; throws NotProjectable for what graphql-js should answer. */
type Project = (raw: unknown, budget: ResponseBudget | undefined) => unknown;

/** Compiled walks per operation, by the values of the variables that @skip and @include read. */
const projections = new WeakMap<OperationDefinitionNode, Map<string, Map<string, Project> | null>>();
/** Walks kept per operation (one per set of @skip/@include values): the same bound as the planner's statements per field. */
const PROJECTIONS_PER_OPERATION = 20;

const variablesOfDirectives = new WeakMap<OperationDefinitionNode, string[]>();

/** The variables the operation's @skip and @include read, its fragments' included. */
function directiveVariables(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): string[] {
  let names = variablesOfDirectives.get(operation);
  if (!names) {
    const found = new Set<string>();
    const visitor = {
      Directive(directive: DirectiveNode) {
        if (directive.name.value !== "skip" && directive.name.value !== "include") return;
        for (const argument of directive.arguments ?? []) if (argument.value.kind === Kind.VARIABLE) found.add(argument.value.name.value);
      },
    };
    visit(operation, visitor);
    for (const fragment of Object.values(fragments)) visit(fragment, visitor);
    names = [...found];
    variablesOfDirectives.set(operation, names);
  }
  return names;
}

function projectionOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variableValues: Record<string, unknown>,
  roots: Fields,
): Map<string, Project> | undefined {
  // The walk reads no argument: only @skip and @include change what it collects, so only their variables count.
  const key = JSON.stringify(directiveVariables(operation, fragments).map((name) => variableValues[name] ?? null));
  let byVariables = projections.get(operation);
  if (!byVariables) {
    byVariables = new Map();
    projections.set(operation, byVariables);
  }
  let project = byVariables.get(key);
  if (project === undefined) {
    project = compileProjection(new ProjectionCompiler(schema, fragments, variableValues), schema.getQueryType()!, roots);
    if (byVariables.size >= PROJECTIONS_PER_OPERATION) byVariables.delete(byVariables.keys().next().value!);
    byVariables.set(key, project);
  }
  return project ?? undefined;
}

/** The root fields' walks; null when the selection holds a field no walk reads (graphql-js answers it). */
function compileProjection(compiler: ProjectionCompiler, query: GraphQLObjectType, roots: Fields): Map<string, Project> | null {
  const fields = query.getFields();
  const project = new Map<string, Project>();
  try {
    for (const [responseKey, fieldNodes] of roots) {
      const field = fields[fieldNodes[0]!.name.value];
      if (field) project.set(responseKey, compiler.value(field.type, fieldNodes));
    }
  } catch (error) {
    if (error instanceof NotProjectable) return null;
    throw error;
  }
  return project;
}

/** A selected field of an object: its response key and how it is read and serialised (`__typename`: its value). */
type CompiledField = { key: string; typename: string } | { key: string; typename?: undefined; read: (row: Row) => unknown; leaf: boolean; project: Project };

class ProjectionCompiler {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variableValues: Record<string, unknown>,
  ) {}

  /** What graphql-js's completeValue does for `type`, over planned values. */
  value(type: GraphQLOutputType, fieldNodes: readonly FieldNode[]): Project {
    if (isNonNullType(type)) {
      const inner = this.value(type.ofType, fieldNodes);
      return (raw, budget) => {
        const value = inner(raw, budget);
        // graphql-js says which field broke its type.
        if (value == null) throw new NotProjectable("null in a non-null field");
        return value;
      };
    }
    if (isListType(type)) {
      const item = this.value(type.ofType, fieldNodes);
      return (raw, budget) => {
        if (raw == null) return null;
        if (!Array.isArray(raw)) throw new NotProjectable("a list that is not an array");
        return raw.map((value) => item(value, budget));
      };
    }
    if (isLeafType(type)) return (raw) => (raw == null ? null : type.serialize(raw));
    if (isAbstractType(type)) {
      // Compiled for each runtime type when a value of it first comes.
      const byRuntime = new Map<string, Project>();
      return (raw, budget) => {
        if (raw == null) return null;
        const typename = String((raw as Row).__typename);
        let project = byRuntime.get(typename);
        if (!project) {
          const runtime = this.schema.getType(typename);
          if (!isObjectType(runtime) || !this.schema.isSubType(type, runtime)) throw new NotProjectable("an unknown runtime type");
          project = this.object(runtime, fieldNodes);
          byRuntime.set(typename, project);
        }
        return project(raw, budget);
      };
    }
    return this.object(type, fieldNodes);
  }

  private object(type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): Project {
    const read = readerFor(type);
    const fields = type.getFields();
    const compiled: CompiledField[] = [];
    for (const [key, nodes] of collectSubfields(this.schema, this.fragments, this.variableValues, type, fieldNodes)) {
      const name = nodes[0]!.name.value;
      if (name === "__typename") {
        compiled.push({ key, typename: type.name });
        continue;
      }
      const field = fields[name];
      if (!field) throw new NotProjectable(`${type.name}.${name}`);
      compiled.push({ key, read: read(name, key), leaf: isLeafType(getNamedType(field.type)), project: this.value(field.type, nodes) });
    }
    return (raw, budget) => {
      if (raw == null) return null;
      const row = raw as Row;
      const out: Row = {};
      for (const field of compiled) {
        if (field.typename !== undefined) {
          out[field.key] = field.typename;
          continue;
        }
        budget?.chargeKey(field.key);
        const value = field.read(row);
        if (budget && field.leaf) budget.chargeLeaf(value);
        out[field.key] = field.project(value, budget);
      }
      return out;
    };
  }
}

/** How a field of `type` reads a planned value: as the type's resolvers would. */
function readerFor(type: GraphQLObjectType): (field: string, responseKey: string) => (row: Row) => unknown {
  const name = type.name;
  if (Object.hasOwn(TABLES, name)) {
    const table = TABLES[name as PlannedType];
    return (field, responseKey) => {
      if (field === "id") return (row) => toGlobalId(name as PlannedType, row.id as string);
      if (Object.hasOwn(table.relations, field)) return (row) => (row[PLANNED] as Row)[responseKey];
      const column = table.scalars[field];
      if (column === undefined) throw new NotProjectable(`${name}.${field}`);
      return (row) => row[column];
    };
  }
  if (name.endsWith("Connection") || name.endsWith("Edge") || name === "PageInfo") {
    return (field) => (field === "totalCount" ? (row) => row[PLANNED_COUNT] : (row) => row[field]);
  }
  return () => {
    throw new NotProjectable(name);
  };
}
