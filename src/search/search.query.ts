import { UserInputError } from "../shared/errors.ts";
import { indexForm, stemEnglish, type Stemmer, tokenize } from "./search.text.ts";

// The query language, parsed by claimgraph and never handed to FTS5 or
// tsquery as typed: words (all required), "quoted phrases", prefix*, -excluded
// terms and OR between terms. OR binds tighter than the implicit AND, so
// `a b OR c` is a AND (b OR c). What the database sees is built from tokens of
// letters and digits only, each quoted, joined by operators claimgraph writes.

export { tokenize, type Token } from "./search.text.ts";

export const MAX_QUERY_LENGTH = 500;
export const MAX_QUERY_TERMS = 20;

/** One term: a word, a word prefix (`rare*`) or a phrase (`"rare earth"`), as lower-cased tokens. */
export type Term = { kind: "word" | "prefix" | "phrase"; tokens: [string, ...string[]] };
/** Kept for callers of the earlier name. */
export type QueryItem = Term;

/** A parsed query: every group must match (a group matches when one of its terms does), and no excluded term may. */
export type ParsedQuery = { groups: Term[][]; excluded: Term[] };

const nonEmpty = (tokens: string[]): tokens is [string, ...string[]] => tokens.length > 0;

type Piece = { term: Term; negated: boolean } | "OR";

/** The terms of one whitespace-free chunk, or of a quoted phrase. */
function termOf(text: string, quoted: boolean): Term | null {
  const tokens = tokenize(text).map((t) => t.text);
  if (!nonEmpty(tokens)) return null;
  if (tokens.length > 1) return { kind: "phrase", tokens };
  // A prefix star only counts right after a word: "rare*" but not "*" or "rare *".
  if (!quoted && /[\p{L}\p{N}]\*$/u.test(text)) return { kind: "prefix", tokens };
  return { kind: "word", tokens };
}

/**
 * Parses the documented query language. Anything that is not a word, a quote
 * pair, a leading `-`, a trailing `*` or a standalone upper-case `OR` is
 * punctuation: it separates words and goes no further.
 */
export function parseQuery(query: string, field = "query"): ParsedQuery {
  if (query.length > MAX_QUERY_LENGTH) {
    throw new UserInputError(`"${field}" is longer than ${MAX_QUERY_LENGTH} characters`, field, { limit: MAX_QUERY_LENGTH });
  }
  const pieces: Piece[] = [];
  // Quoted phrases first, with a `-` right before the quote; an unmatched quote is punctuation.
  const parts = query.split(/(-?"[^"]*")/);
  for (const [i, part] of parts.entries()) {
    if (i % 2 === 1) {
      // A `-` glued to a word before it (`x-"y"`) is punctuation, not an exclusion.
      const negated = part.startsWith("-") && (i === 1 ? parts[0] === "" || /\s$/.test(parts[0]!) : /\s$/.test(parts[i - 1]!) || parts[i - 1] === "");
      const term = termOf(part.slice(part.indexOf('"') + 1, -1), true);
      if (term) pieces.push({ term: term.kind === "phrase" ? term : { kind: "word", tokens: term.tokens }, negated });
      continue;
    }
    for (const chunk of part.split(/\s+/)) {
      if (chunk === "OR") {
        pieces.push("OR");
        continue;
      }
      const negated = /^-[\p{L}\p{N}]/u.test(chunk);
      const term = termOf(negated ? chunk.slice(1) : chunk, false);
      if (term) pieces.push({ term, negated });
    }
  }
  const groups: Term[][] = [];
  const excluded: Term[] = [];
  let joinNext = false;
  for (const [i, piece] of pieces.entries()) {
    if (piece === "OR") {
      const before = pieces[i - 1];
      const after = pieces[i + 1];
      // An OR without a wanted term on each side joins nothing and is dropped: `a OR -b` is a, without b.
      if (!before || before === "OR" || !after || after === "OR" || before.negated || after.negated) continue;
      joinNext = true;
      continue;
    }
    if (piece.negated) excluded.push(piece.term);
    else if (joinNext && groups.length) groups.at(-1)!.push(piece.term);
    else groups.push([piece.term]);
    joinNext = false;
  }
  const terms = groups.flat().length + excluded.length;
  if (terms === 0) throw new UserInputError(`"${field}" has no words to search for`, field);
  if (groups.length === 0) throw new UserInputError(`"${field}" has only excluded terms: add a word to search for`, field);
  if (terms > MAX_QUERY_TERMS) {
    throw new UserInputError(`"${field}" has ${terms} terms; the limit is ${MAX_QUERY_TERMS}`, field, { limit: MAX_QUERY_TERMS });
  }
  return { groups, excluded };
}

/**
 * The index forms a word or phrase matches: its English stem (rows of English
 * text hold stems), and the tokens as typed (rows in languages without a
 * stemmer hold words as written). A query has no language, so it asks for both.
 */
export function formsOf(term: Term): string[][] {
  const stemmed = term.tokens.map(stemEnglish);
  return stemmed.join(" ") === term.tokens.join(" ") ? [term.tokens] : [stemmed, term.tokens];
}

/** An FTS5 string: double-quoted, with any double quote doubled. */
const ftsString = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * The index terms each prefix stands for, when they are few (see MAX_PREFIX_TERMS): `export` → ["export",
 * "exporter"]. A prefix missing here is searched as a prefix.
 */
export type PrefixTerms = ReadonlyMap<string, readonly string[]>;

/** A prefix standing for more index terms than this is searched as a prefix (FTS5 merges their doclists). */
export const MAX_PREFIX_TERMS = 16;

const ftsTerm = (term: Term, prefixes?: PrefixTerms): string => {
  // Prefixes look at the words as written too (the `words` column), so `polic*` finds "policies" (stem "polici").
  if (term.kind === "prefix") {
    // Spelled out as its terms when they are known: FTS5 reads a prefix by merging the doclists of every term it
    // covers into one, whole, before the first row (and again for bm25), where an OR of terms reads newest first and stops.
    const terms = prefixes?.get(term.tokens[0]);
    if (terms?.length) return `{content words} : (${terms.map(ftsString).join(" OR ")})`;
    return `{content words} : "${term.tokens[0]}"*`;
  }
  const forms = formsOf(term).map((tokens) => `"${tokens.join(" ")}"`);
  return `content : (${forms.join(" OR ")})`;
};

/** The prefixes of a query (what `prefixes` of toFts5 is keyed by). */
export const prefixesOf = (query: ParsedQuery): string[] => [
  ...new Set([...query.groups.flat(), ...query.excluded].filter((t) => t.kind === "prefix").map((t) => t.tokens[0])),
];

/**
 * The FTS5 MATCH expression: every token double-quoted, so it is only ever a string. A prefix with its terms in
 * `prefixes` is written as those terms (the same rows match), else as a prefix.
 */
export function toFts5(query: ParsedQuery, prefixes?: PrefixTerms): string {
  const term = (t: Term) => ftsTerm(t, prefixes);
  const positive = query.groups.map((group) => `(${group.map(term).join(" OR ")})`).join(" AND ");
  return query.excluded.reduce((expr, t) => `(${expr}) NOT (${term(t)})`, positive);
}

const tsTerm = (term: Term, phrase = " <-> "): string => {
  if (term.kind === "prefix") return `('${term.tokens[0]}':* | '~${term.tokens[0]}':*)`;
  return `(${formsOf(term)
    .map((tokens) => `(${tokens.map((t) => `'${t}'`).join(phrase)})`)
    .join(" | ")})`;
};

/** The PostgreSQL tsquery text (cast with ::tsquery, not parsed): lexemes are letters and digits, single-quoted. */
export function toTsquery(query: ParsedQuery): string {
  const positive = query.groups.map((group) => `(${group.map((term) => tsTerm(term)).join(" | ")})`).join(" & ");
  return [positive, ...query.excluded.map((term) => `!${tsTerm(term)}`)].join(" & ");
}

/**
 * The tsquery PostgreSQL ranks with: the wanted terms, a phrase's words without their order. ts_rank_cd over
 * phrase operators costs several times the match itself; rows are matched by toTsquery all the same.
 */
export function toTsRankQuery(query: ParsedQuery): string {
  return query.groups.map((group) => `(${group.map((term) => tsTerm(term, " & ")).join(" | ")})`).join(" & ");
}

type Range = { start: number; end: number };
type Formed = { form: string; text: string; start: number; end: number };

const formed = (text: string, stemmer: Stemmer): Formed[] => tokenize(text).map((t) => ({ ...t, form: indexForm(t.text, stemmer) }));

/** Where `term` matches in a stream of index forms: [first token, last token] pairs. */
function termMatches(tokens: Formed[], term: Term): [number, number][] {
  const found: [number, number][] = [];
  if (term.kind === "prefix") {
    const prefix = term.tokens[0];
    tokens.forEach((t, i) => {
      if (t.form.startsWith(prefix) || t.text.startsWith(prefix)) found.push([i, i]);
    });
    return found;
  }
  const forms = formsOf(term);
  for (let i = 0; i < tokens.length; i++) {
    for (const seq of forms) {
      if (seq.every((form, k) => tokens[i + k]?.form === form)) {
        found.push([i, i + seq.length - 1]);
        break;
      }
    }
  }
  return found;
}

/** Whether a row matches, computed here as the index would (its fields are one stream of words, as indexed). */
export function rowMatches(query: ParsedQuery, stemmer: Stemmer, ...texts: (string | null | undefined)[]): boolean {
  const tokens = texts.flatMap((text) => (text ? formed(text, stemmer) : []));
  const has = (term: Term) => termMatches(tokens, term).length > 0;
  return query.groups.every((group) => group.some(has)) && !query.excluded.some(has);
}

/** Where the query's wanted terms match `text`: UTF-16 ranges of matched words and phrases. */
export function matchRanges(text: string, query: ParsedQuery, stemmer: Stemmer = "english"): Range[] {
  const tokens = formed(text, stemmer);
  const ranges: Range[] = [];
  for (const term of query.groups.flat()) {
    for (const [first, last] of termMatches(tokens, term)) ranges.push({ start: tokens[first]!.start, end: tokens[last]!.end });
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop ranges inside an earlier one (a word inside a matched phrase). Sorted so, a range lies inside an
  // earlier one exactly when it ends no later than the furthest end so far: one pass, linear in the matches.
  const kept: Range[] = [];
  let reach = -1;
  for (const { start, end } of ranges) {
    if (end <= reach) continue;
    kept.push({ start, end });
    reach = end;
  }
  return kept;
}
