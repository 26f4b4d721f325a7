import { createRequire } from "node:module";

// The one tokeniser of both backends. claimgraph splits text into lower-cased
// runs of Unicode letters and digits, turns each into its index form (the
// Porter2 stem for English, the word itself for languages without a stemmer),
// and hands the database only those forms: FTS5 re-splits them on spaces, and
// PostgreSQL gets a ready tsvector. Neither database's own tokeniser or
// stemmer decides anything, so both find the same rows.

/** Bumped whenever index forms change: the index is rebuilt once for a new version (search.index.ts). */
export const TOKENISER_VERSION = 2;

/** Longer runs are not indexed or searched (PostgreSQL refuses lexemes over 2,047 bytes; no word is this long). */
export const MAX_TOKEN_LENGTH = 200;

const TOKEN = /[\p{L}\p{N}]+/gu;

export type Token = { text: string; start: number; end: number };

/** Tokens of `text` with their UTF-16 offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[0].length > MAX_TOKEN_LENGTH) continue;
    tokens.push({ text: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length });
  }
  return tokens;
}

/** The stemmers claimgraph has: English, and none (the word as written) for every other language. */
export type Stemmer = "english" | "none";

/**
 * Stemming on (the product) or off: only `npm run eval:search` turns it off, to measure what it adds
 * (it rebuilds its scratch index after each switch).
 */
export const tokeniserOptions = { stemming: true };

/** An article's language tag chooses its stemmer: `en`, `en-GB`… and an unknown language are English. */
export function stemmerFor(language: string | null | undefined): Stemmer {
  if (!tokeniserOptions.stemming) return "none";
  if (!language) return "english";
  const primary = language.toLowerCase().split(/[-_]/)[0];
  return primary === "en" ? "english" : "none";
}

const porter2 = createRequire(import.meta.url)("wink-porter2-stemmer") as (word: string) => string;

// Stems are memoised: text repeats its words, and a reindex stems millions of tokens.
const STEM_CACHE_SIZE = 100_000;
let stems = new Map<string, string>();

/** The Porter2 (Snowball English) stem of a lower-cased token. */
export function stemEnglish(token: string): string {
  if (!tokeniserOptions.stemming) return token;
  let stem = stems.get(token);
  if (stem === undefined) {
    stem = porter2(token);
    if (stems.size >= STEM_CACHE_SIZE) stems = new Map();
    stems.set(token, stem);
  }
  return stem;
}

/** The index form of a lower-cased token under a stemmer. */
export const indexForm = (token: string, stemmer: Stemmer) => (stemmer === "english" ? stemEnglish(token) : token);

/** What the index holds for one document (the fields of a row, in order, as one stream of words). */
export type IndexedText = {
  /** Index forms, space-separated, one per word: FTS5's positional `content` column. */
  content: string;
  /** The words as written whose form differs from them, each once: FTS5's `words` column, for prefix* only. */
  words: string;
  /** PostgreSQL's tsvector, as text: each form at its positions, and each differing word as `~word` at its own. */
  tsvector: string;
  /** The stemmer used, stored beside the row so that snippets highlight as the index matched. */
  stemmer: Stemmer;
};

/** A PostgreSQL tsvector keeps positions up to this one (later ones are clamped to it). */
const PG_MAX_POSITION = 16_383;

/** The index text of a row's fields under a language. */
export function indexText(language: string | null | undefined, ...texts: (string | null | undefined)[]): IndexedText {
  const stemmer = stemmerFor(language);
  const forms: string[] = [];
  const written = new Set<string>();
  const positions = new Map<string, number[]>();
  const at = (lexeme: string, position: number) => {
    const list = positions.get(lexeme);
    if (list) list.push(position);
    else positions.set(lexeme, [position]);
  };
  for (const text of texts) {
    if (!text) continue;
    for (const token of tokenize(text)) {
      const form = indexForm(token.text, stemmer);
      forms.push(form);
      const position = Math.min(forms.length, PG_MAX_POSITION);
      at(form, position);
      if (form !== token.text) {
        written.add(token.text);
        at(`~${token.text}`, position);
      }
    }
  }
  // Letters, digits and the ~ mark only: each lexeme is safe between single quotes.
  const tsvector = [...positions].map(([lexeme, list]) => `'${lexeme}':${[...new Set(list)].slice(0, 256).join(",")}`).join(" ");
  return { content: forms.join(" "), words: [...written].join(" "), tsvector, stemmer };
}
