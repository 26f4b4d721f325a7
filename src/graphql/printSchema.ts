import "reflect-metadata";

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";

import { lexicographicSortSchema, printSchema } from "graphql";

import { createSchema } from "./schema.ts";

// npm run schema:print — regenerates the committed schema.graphql from the code.
export const SCHEMA_FILE = resolve(import.meta.dirname, "../../schema.graphql");

export async function renderSchema(): Promise<string> {
  const header = "# Generated from the code by `npm run schema:print`. Do not edit: a test fails when this file drifts.\n\n";
  return `${header + printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(SCHEMA_FILE, await renderSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
