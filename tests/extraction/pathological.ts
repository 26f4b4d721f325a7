import { loadCorpus } from "./corpus.ts";

// Inputs built to make a rule scan far: each generator returns text of about
// `n` characters that repeats one hostile shape. The growth test compares the
// extractor's work on two sizes of each.

const NAMES = ["Ana Ruiz", "Tom Alvarez", "Lena Ortiz", "Pieter Kranz", "Mira Okafor", "Jon Bell", "Sara Lind", "Omar Haddad"];
const CUES = ["said", "told", "claimed", "denied", "warned", "stated", "added", "insisted", "wrote", "argued"];

/** Repeats `piece(i)` until the text is at least `n` characters, then cuts it to `n`. */
function fill(n: number, piece: (i: number) => string, head = "", tail = ""): string {
  let text = head;
  for (let i = 0; text.length < n - tail.length; i++) text += piece(i);
  return text.slice(0, Math.max(0, n - tail.length)) + tail;
}

const name = (i: number) => NAMES[i % NAMES.length]!;
/** `length` letters that depend on `i`: a word no earlier piece of text held. */
const letters = (i: number, length: number) => {
  let x = i + 1;
  let word = "";
  while (word.length < length) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    word += String.fromCharCode(97 + (x % 26));
  }
  return word;
};
const cue = (i: number) => CUES[i % CUES.length]!;
let realistic: string | null = null;

export const GENERATORS: Record<string, (n: number) => string> = {
  /** `Ana said "Tom said 'Lena said "…`: quotes opened inside quotes, never closed. */
  nestedQuotes: (n) => fill(n, (i) => `${name(i)} ${cue(i)} ${i % 2 ? "'" : '"'}`),
  /** The same nesting with curly quotes, closed in a run at the end. */
  nestedCurlyQuotes: (n) => fill(n, (i) => `${name(i)} ${cue(i)} “`, "", `${"”".repeat(200)}.`),
  /** Thousands of short quotations in one paragraph, each attributed. */
  manyQuotes: (n) => fill(n, (i) => `"We will not reopen the bridge ${i}," ${i % 3 ? "she" : name(i)} ${cue(i)}. `),
  /** Thousands of quotations in one sentence, no full stop anywhere. */
  manyQuotesOneSentence: (n) => fill(n, (i) => `"the fees rose ${i}," ${name(i)} ${cue(i)} and `),
  /** Cue after cue in one sentence: `He said that she said that they said that …`. */
  manyCues: (n) => fill(n, (i) => `${["he", "she", "they", name(i)][i % 4]} ${cue(i)} that `),
  /** Bare cue words with nothing else. */
  bareCues: (n) => fill(n, (i) => `${cue(i)} `),
  /** One long sentence of plain words, no punctuation, a cue now and then. */
  longSentence: (n) =>
    fill(n, (i) =>
      i % 37 === 0 ? `the minister ${cue(i)} ` : `${["repairs", "to", "the", "bridge", "would", "take", "three", "more", "months", "and", "cost"][i % 11]} `,
    ),
  /** A run of capitalised words: titles and names with no end. */
  capitalised: (n) =>
    fill(n, (i) => `${["President", "Minister", "Ana", "Ruiz", "Tom", "Alvarez", "Kranz", "Secretary"][i % 8]} `, "", " said that it rained."),
  /** Many date phrases in one sentence, with cues among them. */
  manyDates: (n) => fill(n, (i) => `${name(i)} ${cue(i)} on ${["Monday", "May 30th", "June 4, 2025", "Tuesday at 2:17 AM Eastern Time", "last week"][i % 5]} `),
  /** "according to" again and again with no comma to end the claimant. */
  according: (n) => fill(n, (i) => `according to ${name(i)} `),
  /** Passive cues with "by" far before them. */
  passive: (n) => fill(n, (i) => (i % 50 === 0 ? "it was announced that " : `by ${name(i)} and `)),
  /** Pronoun claims after many titled people: every pronoun looks back. */
  pronouns: (n) => fill(n, (i) => `President ${name(i)} arrived. He said it was fine. They said it was not. `),
  /** Names with long runs of spaces inside them: a claimant span that is mostly whitespace. */
  spacedNames: (n) => fill(n, (i) => `Ana${" ".repeat(1 + (i % 7) * 300)}Ruiz who${" ".repeat((i % 5) * 200)}\n${cue(i)} that it rained. `),
  /** Words thousands of characters long, never the same twice (wink-nlp caches words it has seen). */
  longWords: (n) => fill(n, (i) => `${name(i)} ${cue(i)} that ${letters(i, 3_000)} `),
  /** Runs of commas and quotation marks between cues. */
  punctuation: (n) => fill(n, (i) => `${name(i)} ${cue(i)}${", ".repeat(i % 40)}${'"'.repeat(i % 3)} `),
  /** Numbers everywhere, which chrono reads as possible dates and times. */
  numbers: (n) => fill(n, (i) => `${i % 31} ${i % 12}:${i % 60} ${2000 + (i % 30)} ${name(i)} ${cue(i)} `),
  /** One long quotation, then many cues after it. */
  longQuote: (n) => fill(n, (i) => `${name(i)} ${cue(i)} `, '"', `," ${CUES.join(" ")} ${NAMES.join(" ")}.`),
  /** Realistic news text: the labelled corpus repeated. */
  realistic: (n) => {
    realistic ??= loadCorpus()
      .map((d) => d.text)
      .join("\n\n");
    return fill(n, () => `${realistic}\n\n`);
  },
  /** Realistic text with every full stop and line break removed: one giant sentence. */
  realisticOneSentence: (n) => {
    realistic ??= loadCorpus()
      .map((d) => d.text)
      .join("\n\n");
    const flat = realistic.replace(/[.!?]/g, ",").replace(/\s+/g, " ");
    return fill(n, () => `${flat} `);
  },
};
