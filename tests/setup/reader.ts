import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { READER_DIST } from "../../src/http/reader.ts";

// The built reader (web/dist) as the reader's tests see it.

/** The article page's JavaScript must stay under this many bytes, gzipped (issue 17). */
export const ARTICLE_JS_BUDGET = 150_000;

/** Fails with what to do when web/dist is missing (npm test builds it first, through web/scripts/ensure-built.mjs). */
export function requireReaderBuild(): void {
  if (!existsSync(join(READER_DIST, "index.html"))) {
    throw new Error("web/dist is missing: run `npm run web:build` (npm test builds it when it is missing or out of date)");
  }
}

/** The JavaScript files a page of the reader loads: the entry and its static imports, from Vite's manifest, as /assets/ paths. */
export function pageScripts(): string[] {
  type Chunk = { file: string; isEntry?: boolean; imports?: string[] };
  const manifest = JSON.parse(readFileSync(join(READER_DIST, ".vite/manifest.json"), "utf8")) as Record<string, Chunk>;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key]!;
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return [...files].filter((file) => file.endsWith(".js")).map((file) => `/${file}`);
}

/** Each file's size as served (its bytes, and gzipped as the server's compression sends it). */
export function scriptSizes(files: readonly string[]) {
  return files.map((file) => {
    const body = readFileSync(join(READER_DIST, file));
    return { file, bytes: body.length, gzipped: gzipSync(body).length };
  });
}
