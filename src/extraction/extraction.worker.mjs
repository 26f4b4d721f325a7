// Entry of an extraction worker thread (extraction.pool.ts). It is plain
// JavaScript so that a fresh thread can load it in every way the app runs.
// Built (npm start runs dist/), it sits next to the compiled extract.js and
// imports it; from the sources (tsx, vitest) it loads extract.ts through tsx.
import { existsSync } from "node:fs";

const compiled = new URL("./extract.js", import.meta.url);
const { extractClaims } = existsSync(compiled) ? await import(compiled.href) : await (await import("tsx/esm/api")).tsImport("./extract.ts", import.meta.url);

/** One task: a text and its publication date. The claims go back by structured clone, their dates as Dates. */
export default function extract({ text, publishedAt }) {
  return extractClaims(text, { publishedAt });
}
