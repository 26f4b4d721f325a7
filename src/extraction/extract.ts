import { readAccording } from "./extraction.according.ts";
import { readCue } from "./extraction.cue.ts";
import { findCues, type AnchorContext } from "./extraction.cues.ts";
import { findDates } from "./extraction.dates.ts";
import { guessKind, type SourceKindGuess } from "./extraction.kind.ts";
import { NOT_SOURCES } from "./extraction.lexicon.ts";
import { mentions, People, resolveClaimant } from "./extraction.people.ts";
import { build, type ExtractedClaim, type Reading } from "./extraction.proposal.ts";
import { quotationBefore, readQuotation } from "./extraction.quotation.ts";
import { findQuotes, QuoteIndex } from "./extraction.quotes.ts";
import { analyse, datesByToken, NextVerb, span, type TextSpan } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Rule-based attribution extraction for English news text. wink-nlp gives
// sentences, part-of-speech tags and lemmas (extraction.tokens.ts); each cue
// (extraction.cues.ts) is read by one pattern: "according to"
// (extraction.according.ts), quotation first (extraction.quotation.ts) or cue
// first (extraction.cue.ts, with extraction.passive.ts). All offsets are
// UTF-16 code units into the input (JavaScript string indices).
//
// Every rule is linear in the text (issue #11): a rule that looks back or
// ahead of a cue for a claimant, a comma, "by" or a channel looks at most
// WINDOW tokens; quotes, dates and people are found through indexes, not by
// scanning all of them. tests/extraction/extract.growth.test.ts holds this,
// and tests/extraction/golden.test.ts pins the output.

export { guessKind, type SourceKindGuess };
export type { TextSpan };
export type { ClaimKind, ExtractedClaim } from "./extraction.proposal.ts";

export type ExtractOptions = { publishedAt?: Date | null };

/** extractClaims, with the steps it took (see extraction.work.ts). */
export function extractClaimsWithWork(text: string, options: ExtractOptions = {}): { claims: ExtractedClaim[]; work: number } {
  const before = work.steps;
  const claims = extractClaims(text, options);
  return { claims, work: work.steps - before };
}

/** Proposes every attribution in `text`; writes nothing. */
export function extractClaims(text: string, options: ExtractOptions = {}): ExtractedClaim[] {
  const publishedAt = options.publishedAt ?? new Date();
  const quotes = new QuoteIndex(text, findQuotes(text));
  const claims: ExtractedClaim[] = [];
  const sentences = analyse(text);
  const people = new People(text.length);
  for (const person of mentions(sentences)) people.add(person);

  for (const sentence of sentences) {
    const t = sentence.tokens;
    const dates = findDates(text.slice(sentence.start, sentence.end), sentence.start, publishedAt).filter((d) => !quotes.inside(d.start, "dates"));
    const dateAt = datesByToken(t, dates);
    const anchors = findCues(sentence, (at) => quotes.inside(at, "cues"));
    const verbs = new NextVerb(t);
    const found: ExtractedClaim[] = [];
    let clauseStart = 0;
    // "Bloomberg reported that Trump has long believed …": the belief is Trump's, reported by Bloomberg.
    let reporter: TextSpan | null = null;
    let sentenceEnd = t.length;
    while (sentenceEnd > 0 && /^[.!?"”]$/.test(t[sentenceEnd - 1]!.value)) sentenceEnd--, work.steps++;
    for (const [index, anchor] of anchors.entries()) {
      work.steps++;
      const cue = span(text, t[anchor.cue]!.start, t[anchor.cueEnd]!.end);
      const context: AnchorContext = {
        text,
        t,
        anchor,
        nextCue: anchors[index + 1]?.cue ?? t.length,
        sentenceEnd,
        clauseStart,
        previousClaimant: found.at(-1)?.spans.claimant ?? null,
        quotes,
        dateAt,
        verbs,
      };
      let reading: Reading | null;
      if (anchor.according) reading = readAccording(context);
      else {
        const quotation = quotationBefore(context);
        const read = quotation ? readQuotation(context, quotation) : readCue(context);
        if (read && "reporter" in read) {
          reporter = read.reporter;
          clauseStart = read.clauseStart;
          continue;
        }
        reading = read;
      }
      if (!reading?.content.text) continue;
      let { claimant } = reading;
      if (claimant && NOT_SOURCES.test(claimant.text)) continue;
      if (!claimant && !anchor.according && !(found.length && t[anchor.cue - 1]?.lower === "and")) continue;
      if (!claimant && found.length) claimant = found.at(-1)!.spans.claimant;
      const claim = build({ ...reading, claimant, text, lemma: anchor.lemma, cue });
      if (reporter) {
        claim.spans.reportedBy = reporter;
        claim.reportedByName = reporter.text.replace(/^the\s+/i, "");
        reporter = null;
      }
      found.push(claim);
      clauseStart = Math.min(t.length - 1, anchor.cueEnd + 1);
    }
    for (const claim of found) {
      resolveClaimant(claim, people);
      claims.push(claim);
    }
  }
  return claims;
}
