import { readFileSync } from "node:fs";
import { join } from "node:path";

import { buildSchema, type GraphQLSchema } from "graphql";

/** The committed schema.graphql, for validating documents without building the executable schema. */
export function printedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(import.meta.dirname, "../../schema.graphql"), "utf8"));
}
