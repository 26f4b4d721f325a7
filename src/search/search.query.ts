import { UserInputError } from "../shared/errors.ts";

// One tokeniser for both backends: claimgraph splits text into lower-cased
// runs of Unicode letters and digits itself, stores them space-separated, and
// lets FTS5 / tsvector index that. So "US-China" is the tokens us, china on
// SQLite and PostgreSQL alike, with no stemming on either.

export const MAX_QUERY_LENGTH = 500;
export const MAX_QUERY_TERMS = 20;

const TOKEN = /[\p{L}\p{N}]+/gu;

export type Token = { text: string; start: number; end: number };

/** Tokens of `text` with their UTF-16 offsets. */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length }));
}

/** What the index stores for a text. */
export const indexText = (...texts: (string | null | undefined)[]) => texts.flatMap((text) => (text ? tokenize(text).map((t) => t.text) : [])).join(" ");

/** One query item: a word, a word prefix (`rare*`), or a phrase (`"rare earth"`). */
export type QueryItem = { kind: "word" | "prefix" | "phrase"; tokens: [string, ...string[]] };

const nonEmpty = (tokens: string[]): tokens is [string, ...string[]] => tokens.length > 0;

/**
 * Parses the documented query language: words, "quoted phrases" and prefix*,
 * all required (AND). Anything else is punctuation: it separates words and is
 * never passed to the database, so no input can reach FTS syntax raw.
 */
export function parseQuery(query: string, field = "query"): QueryItem[] {
  if (query.length > MAX_QUERY_LENGTH) {
    throw new UserInputError(`"${field}" is longer than ${MAX_QUERY_LENGTH} characters`, field, { limit: MAX_QUERY_LENGTH });
  }
  const items: QueryItem[] = [];
  // Quoted phrases first; an unmatched quote is treated as punctuation.
  const parts = query.split(/("[^"]*")/);
  for (const part of parts) {
    if (part.startsWith('"') && part.endsWith('"') && part.length >= 2) {
      const tokens = tokenize(part).map((t) => t.text);
      if (nonEmpty(tokens)) items.push({ kind: tokens.length === 1 ? "word" : "phrase", tokens });
      continue;
    }
    for (const chunk of part.split(/\s+/)) {
      const tokens = tokenize(chunk).map((t) => t.text);
      if (!nonEmpty(tokens)) continue;
      // A prefix star only counts right after a word: "rare*" but not "*" or "rare *".
      if (/[\p{L}\p{N}]\*$/u.test(chunk) && tokens.length === 1) items.push({ kind: "prefix", tokens });
      else if (tokens.length === 1) items.push({ kind: "word", tokens });
      // "US-China" is a phrase of its parts, as it is written.
      else items.push({ kind: "phrase", tokens });
    }
  }
  if (items.length === 0) throw new UserInputError(`"${field}" has no words to search for`, field);
  if (items.length > MAX_QUERY_TERMS) {
    throw new UserInputError(`"${field}" has ${items.length} terms; the limit is ${MAX_QUERY_TERMS}`, field, { limit: MAX_QUERY_TERMS });
  }
  return items;
}

/** The FTS5 MATCH expression: every token double-quoted, so it is only ever a string. */
export function toFts5(items: QueryItem[]): string {
  return items.map((item) => (item.kind === "prefix" ? `"${item.tokens[0]}"*` : `"${item.tokens.join(" ")}"`)).join(" AND ");
}

/** The PostgreSQL tsquery text: tokens are letters and digits only, quoted as lexemes. */
export function toTsquery(items: QueryItem[]): string {
  return items
    .map((item) =>
      item.kind === "prefix" ? `'${item.tokens[0]}':*` : item.kind === "phrase" ? `(${item.tokens.map((t) => `'${t}'`).join(" <-> ")})` : `'${item.tokens[0]}'`,
    )
    .join(" & ");
}

/** Where the query matches `text`: UTF-16 ranges of matched words and phrases. */
export function matchRanges(text: string, items: QueryItem[]): { start: number; end: number }[] {
  const tokens = tokenize(text);
  const ranges: { start: number; end: number }[] = [];
  for (const [i, token] of tokens.entries()) {
    for (const item of items) {
      if (item.kind === "prefix" && token.text.startsWith(item.tokens[0])) ranges.push(token);
      else if (item.kind === "word" && token.text === item.tokens[0]) ranges.push(token);
      else if (item.kind === "phrase" && item.tokens.every((t, k) => tokens[i + k]?.text === t)) {
        ranges.push({ start: token.start, end: tokens[i + item.tokens.length - 1]!.end });
      }
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop ranges inside an earlier one (a word inside a matched phrase). Sorted so, a range lies inside an
  // earlier one exactly when it ends no later than the furthest end so far: one pass, linear in the matches.
  const kept: { start: number; end: number }[] = [];
  let reach = -1;
  for (const { start, end } of ranges) {
    if (end <= reach) continue;
    kept.push({ start, end });
    reach = end;
  }
  return kept;
}
