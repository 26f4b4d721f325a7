import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from "graphql";

import { PLANNED } from "./plan.compile.ts";
import type { Planner } from "./planner.ts";
import { ROOT_FIELDS, TABLES } from "./plan.tables.ts";

type PlanContext = { planner?: Planner } | undefined;

/**
 * Connects the planner to the schema's resolvers. A planned root field
 * answers from its one statement; a relation field of a planned row returns
 * the value planned for it (by response key, so aliases with different
 * arguments stay apart). Anything not planned runs the type's own resolver.
 */
export function planAware(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType()!;
  for (const name of Object.keys(ROOT_FIELDS)) {
    const field = query.getFields()[name];
    if (!field) throw new Error(`The planner plans Query.${name}, which the schema lacks`);
    const resolve: GraphQLFieldResolver<unknown, PlanContext> = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context, info) => context?.planner?.plan(info) ?? resolve(source, args, context, info);
  }
  for (const [typeName, table] of Object.entries(TABLES)) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const name of Object.keys(table.relations)) {
      const field = type.getFields()[name];
      if (!field) throw new Error(`The planner plans ${typeName}.${name}, which the schema lacks`);
      const resolve: GraphQLFieldResolver<unknown, PlanContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        // Planned values live in a prototype-less object: `in` sees only what was planned.
        const planned = (source as { [PLANNED]?: Record<string, unknown> })[PLANNED];
        if (planned && info.path.key in planned) return planned[info.path.key];
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
