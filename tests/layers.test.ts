import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

import { describe, expect, it } from "vitest";

// Layers point only down. Each folder of src/ is one layer; a module may import
// (at run time) from its own layer or the ones below it. Type-only imports are
// erased at compile time and are allowed in any direction (a resolver names the
// Context type, which the layer above defines).

const SRC = resolve(import.meta.dirname, "../src");
const LAYERS: Record<string, number> = {
  ".": 7, // index.ts, config.ts, logger.ts: the process
  http: 6,
  graphql: 5,
  // entity and feature folders, which may use each other
  article: 4,
  source: 4,
  claim: 4,
  appearance: 4,
  apiKey: 4,
  audit: 4,
  node: 4,
  search: 4,
  extraction: 4,
  transfer: 4,
  plan: 4,
  review: 4,
  schema: 3,
  db: 2,
  shared: 1,
  generated: 0,
};
const ENTITY = 4;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : files(path);
    return /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

const layerOf = (file: string) => {
  const top = relative(SRC, file).split("/");
  return top.length === 1 ? "." : top[0]!;
};

// `import … from "./x.ts"` and `export … from`, except `import type` / `export type`.
const RUNTIME_IMPORT = /^(?:import|export)(?!\s+type\b)[^;]*?from\s+"(\.{1,2}\/[^"]+)"/gms;

describe("layers", () => {
  it("every folder of src/ has a layer", () => {
    for (const file of files(SRC)) expect(LAYERS, relative(SRC, file)).toHaveProperty([layerOf(file)]);
  });

  it("no module imports from a layer above its own", () => {
    const upward: string[] = [];
    for (const file of files(SRC)) {
      const from = layerOf(file);
      for (const [, spec] of readFileSync(file, "utf8").matchAll(RUNTIME_IMPORT)) {
        const to = layerOf(resolve(dirname(file), spec!));
        const [a, b] = [LAYERS[from]!, LAYERS[to]!];
        if (from !== to && !(a === ENTITY && b === ENTITY) && b >= a) upward.push(`${relative(SRC, file)} → ${spec}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("each folder says in a README what it holds and what it may import", () => {
    for (const folder of Object.keys(LAYERS).filter((name) => name !== "." && name !== "generated")) {
      expect(
        readFileSync(join(SRC, folder, "README.md"), "utf8")
          .trim()
          .split("\n").length,
        folder,
      ).toBeGreaterThanOrEqual(3);
    }
  });
});
