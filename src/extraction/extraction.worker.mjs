// Entry of an extraction worker thread (extraction.pool.ts). It is plain
// JavaScript so that a fresh thread can load it under tsx (npm start) and
// under vitest alike; it loads the TypeScript extractor through tsx itself.
import { tsImport } from "tsx/esm/api";

const { extractClaims } = await tsImport("./extract.ts", import.meta.url);

/** One task: a text and its publication date. The claims go back by structured clone, their dates as Dates. */
export default function extract({ text, publishedAt }) {
  return extractClaims(text, { publishedAt });
}
