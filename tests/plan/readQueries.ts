import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { parse, validate } from "graphql";

import { printedSchema } from "./printedSchema.ts";

// The read queries the HTTP suite sends, taken from its source: every
// template literal that parses as a query and validates against the schema.
// The hostile suites are left out on purpose: their queries are built to be
// refused by the limits, which the differential test (in process) does not run.

const HTTP_TESTS = join(import.meta.dirname, "../http");
const HOSTILE = new Set(["hostile.test.ts", "amplification.test.ts", "filterAbuse.test.ts", "limits.test.ts", "rateLimit.test.ts"]);
const LITERAL = /`(\s*(?:query\b|\{)[^`]*)`/g;

function readQueries(): { query: string; variables?: Record<string, unknown> }[] {
  const schema = printedSchema();
  const found = new Set<string>();
  for (const file of readdirSync(HTTP_TESTS).filter((name) => name.endsWith(".test.ts") && !HOSTILE.has(name))) {
    for (const [, text] of readFileSync(join(HTTP_TESTS, file), "utf8").matchAll(LITERAL)) {
      if (!text || text.includes("${")) continue;
      try {
        const document = parse(text);
        const reads = document.definitions.every((d) => d.kind !== "OperationDefinition" || d.operation === "query");
        if (reads && validate(schema, document).length === 0) found.add(text);
      } catch {
        // Not a GraphQL document (or one meant to be malformed).
      }
    }
  }
  return [...found].map((query) => ({ query }));
}

export const READ_QUERIES = readQueries();
