import { readFileSync } from "node:fs";

import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType } from "graphql";
import { describe, expect, it } from "vitest";

import { createSchema } from "../src/graphql/schema.ts";
import { renderSchema, SCHEMA_FILE } from "../src/graphql/printSchema.ts";

describe("schema.graphql", () => {
  it("matches what the code builds (run `npm run schema:print` after changing the schema)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await renderSchema());
  });

  it("describes every type, field, argument and enum value", async () => {
    const schema = await createSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || (isScalarType(type) && ["String", "Int", "Boolean", "ID", "Float"].includes(type.name))) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });
});
