import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

import type { FoundDate } from "./extraction.dates.ts";
import { libraryCost, work } from "./extraction.work.ts";

// Sentences and tokens with their offsets (UTF-16 code units into the input),
// and the small helpers every rule uses on them. This is the one module that
// loads wink-nlp's model.

export type TextSpan = { start: number; end: number; text: string };

const nlp = winkNLP(model);
const its = nlp.its;

export type Token = { value: string; lower: string; lemma: string; pos: string; start: number; end: number };
export type Sentence = { start: number; end: number; tokens: Token[] };

/** The most tokens a rule reads back or ahead of a cue; a claimant, channel or agent is far shorter. */
export const WINDOW = 64;
/** The longest run of non-space characters handed to wink-nlp, whose tokenizer is quadratic in such a run. */
const MAX_RUN = 64;

/** The text with a space put in every MAX_RUN characters of a longer non-space run; offsets stay the same. */
function breakLongRuns(text: string): string {
  const cuts: number[] = [];
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      // What wink-nlp will spend on the run (libraryCost), plus this loop's step.
      work.steps += libraryCost(run, MAX_RUN) + 1;
      run = 0;
    } else if (++run > MAX_RUN && !(c >= 0xdc00 && c <= 0xdfff)) {
      // Never between the halves of a surrogate pair.
      work.steps += libraryCost(run - 1, MAX_RUN) + 1;
      cuts.push(i);
      run = 0;
    }
  }
  work.steps += libraryCost(run, MAX_RUN);
  if (!cuts.length) return text;
  const pieces: string[] = [];
  let from = 0;
  for (const at of cuts) {
    pieces.push(text.slice(from, at), " ");
    from = at + 1;
  }
  pieces.push(text.slice(from));
  return pieces.join("");
}

/** Whether a UTF-16 code unit is whitespace to JavaScript's \\s. */
const isSpace = (c: number) => (c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 0x80 && /\s/.test(String.fromCharCode(c)));

/** Where wink's token `value` starts at or after `from`: after the whitespace there, else close by (wink drops some characters). */
function locate(text: string, value: string, from: number): { at: number; from: number } {
  while (from < text.length && isSpace(text.charCodeAt(from))) {
    from++;
    work.steps++;
  }
  if (text.startsWith(value, from)) return { at: from, from };
  const near = text.slice(from, from + value.length + 256);
  work.steps += near.length;
  const at = near.indexOf(value);
  return { at: at < 0 ? -1 : from + at, from };
}

/** Tokens with offsets: wink keeps every token's text, so each is found in order. */
export function analyse(text: string): Sentence[] {
  const masked = breakLongRuns(text);
  const doc = nlp.readDoc(masked);
  const values = doc.tokens().out(its.value) as string[];
  // wink's typings give its.lemma the signature of a model add-on; it is a token property like the others.
  const lemmas = doc.tokens().out(its.lemma as never) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  const byIndex = new Map<number, Token>();
  let cursor = 0;
  values.forEach((value, i) => {
    work.steps++;
    if (tags[i] === "SPACE") return;
    const found = locate(masked, value, cursor);
    cursor = found.from;
    if (found.at < 0) return;
    const start = found.at;
    cursor = start + value.length;
    let pos = tags[i]!;
    // "Education Minister Elias Grant called": a capitalised word after a name is part of it, whatever the tagger says.
    if (pos === "VERB" && /^\p{Lu}\p{Ll}/u.test(value) && tokens.at(-1)?.pos === "PROPN" && tokens.at(-1)!.end >= start - 1) pos = "PROPN";
    const token = { value, lower: value.toLowerCase(), lemma: lemmas[i]!.toLowerCase(), pos, start, end: cursor };
    tokens.push(token);
    byIndex.set(i, token);
  });
  const sentences: Sentence[] = [];
  doc.sentences().each((sentence: { out: (f: unknown) => unknown }) => {
    const [first, last] = sentence.out(its.span) as [number, number];
    const own: Token[] = [];
    for (let i = first; i <= last; i++) {
      work.steps++;
      if (byIndex.has(i)) own.push(byIndex.get(i)!);
    }
    if (own.length) sentences.push({ start: own[0]!.start, end: own.at(-1)!.end, tokens: own });
  });
  return sentences;
}

export const span = (text: string, start: number, end: number): TextSpan => {
  while (start < end && /[\s,;:]/.test(text[start]!)) start++, work.steps++;
  while (end > start && /[\s,;:]/.test(text[end - 1]!)) end--, work.steps++;
  return { start, end, text: text.slice(start, end) };
};

/** Whether `text` ends with one of `chars`, after any whitespace when `space` is set: a regular expression anchored at the end would try every position. */
export function endsWithOneOf(text: string, chars: string, space = false): boolean {
  let end = text.length;
  while (space && end > 0 && /\s/.test(text[end - 1]!)) end--, work.steps++;
  return end > 0 && chars.includes(text[end - 1]!);
}

/** The span without its trailing commas and full stops. */
export function trimStops(text: string, content: TextSpan): TextSpan {
  while (content.text && endsWithOneOf(content.text, ",.")) (content = span(text, content.start, content.end - 1)), work.steps++;
  return content;
}

/** Index of the first token starting at or after `at`, walking back from token `from`, which starts after it. */
export function firstTokenFrom(t: Token[], at: number, from: number): number {
  let k = Math.min(from, t.length);
  while (k > 0 && t[k - 1]!.start >= at) k--, work.steps++;
  return k;
}

/** The date each token of a sentence falls in (the first, when dates overlap). */
export function datesByToken(t: Token[], dates: FoundDate[]): (k: number) => FoundDate | undefined {
  const of = new Map<number, FoundDate>();
  let k = 0;
  for (const date of dates) {
    // Dates come in text order: walk to the first token of each.
    while (k > 0 && t[k - 1]!.start >= date.start) k--, work.steps++;
    while (k < t.length && t[k]!.start < date.start) k++, work.steps++;
    for (let j = k; j < t.length && t[j]!.start < date.end; j++) {
      work.steps++;
      if (!of.has(j)) of.set(j, date);
    }
  }
  return (j) => of.get(j);
}

/** The first verb at or after each token of a sentence, computed once. */
export class NextVerb {
  private next: Int32Array | null = null;

  constructor(private readonly t: Token[]) {}

  from(k: number): number {
    if (!this.next) {
      this.next = new Int32Array(this.t.length + 1);
      this.next[this.t.length] = this.t.length;
      for (let i = this.t.length - 1; i >= 0; i--) {
        work.steps++;
        this.next[i] = this.t[i]!.pos === "VERB" ? i : this.next[i + 1]!;
      }
    }
    return this.next[Math.min(k, this.t.length)]!;
  }
}
