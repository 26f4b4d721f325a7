import { readAccording } from "./extraction.according.ts";
import { findColonLines, speakerName } from "./extraction.colon.ts";
import { readCue } from "./extraction.cue.ts";
import { cueKindOf, findCues, type AnchorContext } from "./extraction.cues.ts";
import { findDates } from "./extraction.dates.ts";
import { guessKind, type SourceKindGuess } from "./extraction.kind.ts";
import { datelineEnds, headlineEnd } from "./extraction.layout.ts";
import { NOT_SOURCES } from "./extraction.lexicon.ts";
import { linkNested } from "./extraction.nested.ts";
import { readNominal } from "./extraction.nominal.ts";
import { reportingClauseAtEnd } from "./extraction.paraphrase.ts";
import { mentions, People, resolveClaimant } from "./extraction.people.ts";
import { build, type ExtractedClaim, type Reading } from "./extraction.proposal.ts";
import { quotationBefore, readQuotation } from "./extraction.quotation.ts";
import { findQuotes, maskApostropheQuotes, QuoteIndex, unmask } from "./extraction.quotes.ts";
import { readSourceless } from "./extraction.sourceless.ts";
import { analyse, datesByToken, NextVerb, span, type TextSpan } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Rule-based attribution extraction for English news text. wink-nlp gives
// sentences, part-of-speech tags and lemmas (extraction.tokens.ts); each cue
// (extraction.cues.ts: verbs, stance adjectives, nouns, "according to") is
// read by one pattern: "according to" (extraction.according.ts), a nominal
// cue (extraction.nominal.ts), quotation first (extraction.quotation.ts),
// paraphrase first (extraction.paraphrase.ts), a passive or impersonal cue
// with or without a source (extraction.sourceless.ts), or cue first
// (extraction.cue.ts, with extraction.passive.ts). Colon cues in transcripts
// are read line by line (extraction.colon.ts); attributions inside another's
// content are linked to it (extraction.nested.ts). Headlines and datelines
// (extraction.layout.ts) hold no claims and no claimants. All offsets are
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
export type { CueKind } from "./extraction.lexicon.ts";

export type ExtractOptions = { publishedAt?: Date | null };

/** extractClaims, with the steps it took (see extraction.work.ts). */
export function extractClaimsWithWork(text: string, options: ExtractOptions = {}): { claims: ExtractedClaim[]; work: number } {
  const before = work.steps;
  const claims = extractClaims(text, options);
  return { claims, work: work.steps - before };
}

/** A proposal of the current sentence, with the token where its content starts (-1 when unknown) and whether it sits in another's content. */
type Found = { claim: ExtractedClaim; contentStart: number; nested: boolean };

/** A content that opens a quotation and stops just before its closing mark takes the mark: `…find the money "one way or another"`. */
function closeQuote(text: string, content: TextSpan): TextSpan {
  const mark = text[content.end];
  if (mark !== '"' && mark !== "”") return content;
  let straight = 0;
  let curly = 0;
  for (let k = content.start; k < content.end; k++) {
    work.steps++;
    const c = text[k];
    if (c === '"') straight++;
    else if (c === "“") curly++;
    else if (c === "”") curly--;
  }
  if ((mark === '"' && straight % 2 === 1) || (mark === "”" && curly > 0))
    return { start: content.start, end: content.end + 1, text: text.slice(content.start, content.end + 1) };
  return content;
}

/** Proposes every attribution in `text`; writes nothing. */
export function extractClaims(original: string, options: ExtractOptions = {}): ExtractedClaim[] {
  const publishedAt = options.publishedAt ?? new Date();
  // ''…'' quotes are read as "…" in a copy with the same offsets.
  const text = maskApostropheQuotes(original);
  const quotes = new QuoteIndex(text, findQuotes(text));
  const claims: ExtractedClaim[] = [];
  const sentences = analyse(text);
  const people = new People(text.length);
  for (const person of mentions(sentences)) people.add(person);
  const headline = headlineEnd(text);
  const colons = findColonLines(text);
  // Where a clause starts afresh, so that no claimant or content reaches back over it: after the headline, a dateline, a colon cue.
  const fresh = [headline, ...datelineEnds(text), ...colons.map((c) => c.cue.end)].filter((at) => at > 0).sort((a, b) => a - b);
  let freshAt = 0;

  for (const sentence of sentences) {
    const t = sentence.tokens;
    if (sentence.end <= headline) continue;
    const dates = findDates(text.slice(sentence.start, sentence.end), sentence.start, publishedAt).filter((d) => !quotes.inside(d.start, "dates"));
    const dateAt = datesByToken(t, dates);
    const anchors = findCues(sentence, (at) => at < headline || quotes.inside(at, "cues"));
    // The fresh starts inside this sentence, as token indexes.
    while (freshAt < fresh.length && fresh[freshAt]! <= sentence.start) freshAt++, work.steps++;
    const starts: number[] = [];
    for (let k = 0, f = freshAt; f < fresh.length && fresh[f]! < sentence.end; f++) {
      while (k < t.length && t[k]!.start < fresh[f]!) k++, work.steps++;
      starts.push(k);
    }
    let startAt = 0;
    const floorFor = (cue: number) => {
      while (startAt + 1 < starts.length && starts[startAt + 1]! <= cue) startAt++, work.steps++;
      return starts.length && starts[startAt]! <= cue ? starts[startAt]! : 0;
    };
    const verbs = new NextVerb(t);
    const found: Found[] = [];
    let sentenceEnd = t.length;
    while (sentenceEnd > 0 && /^[.!?"”]$/.test(t[sentenceEnd - 1]!.value)) sentenceEnd--, work.steps++;
    // "Prices will rise, she said.": a reporting clause closing the sentence takes what comes before it as content.
    const last = anchors.at(-1);
    let closing = last ? reportingClauseAtEnd({ text, t, anchors, sentenceStart: floorFor(last.cue), sentenceEnd, dateAt }) : null;
    startAt = 0;
    let clauseStart = 0;
    // "Bloomberg reported that Trump has long believed …": the belief is Trump's, reported by Bloomberg.
    let reporter: TextSpan | null = null;
    let topClaimant: TextSpan | null = null;
    for (const [index, anchor] of anchors.entries()) {
      work.steps++;
      // "has agreed", "had complained": the perfect's auxiliary is part of the cue.
      const perfect = anchor.form === "verb" && ["has", "have", "had"].includes(t[anchor.cue - 1]?.lower ?? "");
      const cue = span(text, t[perfect ? anchor.cue - 1 : anchor.cue]!.start, t[anchor.cueEnd]!.end);
      const floor = floorFor(anchor.cue);
      const end = closing && index < closing.anchor ? closing.split : sentenceEnd;
      // An attribution inside an earlier one's content starts its clause where that content starts.
      let holder: Found | undefined;
      for (let f = found.length - 1; f >= 0 && f >= found.length - 4; f--) {
        const { content } = found[f]!.claim.spans;
        if (found[f]!.contentStart >= 0 && content.start <= cue.start && cue.end <= content.end) {
          holder = found[f];
          break;
        }
      }
      const laterCues: number[] = [];
      for (let k = index + 1; k < anchors.length && laterCues.length < 8; k++) if ((work.steps++, anchors[k]!.cue < end)) laterCues.push(anchors[k]!.cue);
      const context: AnchorContext = {
        text,
        t,
        anchor,
        nextCue: anchors[index + 1]?.cue ?? t.length,
        laterCues,
        sentenceEnd: end,
        clauseStart: Math.max(floor, holder ? holder.contentStart : clauseStart),
        sentenceStart: floor,
        previousClaimant: topClaimant,
        quotes,
        dateAt,
        verbs,
      };
      let reading: Reading | null | undefined;
      const quotation = anchor.form === "verb" ? quotationBefore(context) : undefined;
      if (closing && index === closing.anchor && !quotation) reading = closing.reading;
      else if (anchor.form === "according") reading = readAccording(context);
      else if (anchor.form === "nominal") reading = readNominal(context);
      else if (quotation) {
        if (closing && index === closing.anchor) closing = null;
        reading = readQuotation(context, quotation);
      } else {
        const passive = readSourceless(context);
        const read = passive === undefined ? readCue(context) : passive;
        if (read && "reporter" in read) {
          reporter = read.reporter;
          clauseStart = read.clauseStart;
          continue;
        }
        reading = read;
      }
      if (!reading?.content.text || /^['’]s\b/.test(reading.content.text)) continue;
      let { claimant } = reading;
      // "What the candidates said at the debate": a question, not a source.
      if (claimant && /^(what|how|why|whatever)\b/i.test(claimant.text)) continue;
      const kind = cueKindOf(anchor, claimant?.text ?? null);
      if (claimant && NOT_SOURCES.test(claimant.text) && kind !== "EVIDENCE") continue;
      if (!claimant && !reading.sourceless && !anchor.according) {
        if (!(found.length && t[anchor.cue - 1]?.lower === "and")) continue;
        claimant = found.at(-1)!.claim.spans.claimant;
      }
      const claim = build({ ...reading, content: closeQuote(text, reading.content), claimant, text, lemma: anchor.lemma, cue, cueKind: kind });
      if (reporter) {
        claim.spans.reportedBy = reporter;
        claim.reportedByName = reporter.text.replace(/^the\s+/i, "");
        reporter = null;
      }
      found.push({ claim, contentStart: reading.contentStart ?? -1, nested: holder !== undefined });
      if (!holder && claimant) topClaimant = claimant;
      // A nominal cue sits inside a noun phrase ("Ruiz's claim that … was questioned"), a relative clause's inside its subject
      // ("Harlan, who has promised to cut taxes, tweeted"): the clause goes on.
      const relative = claimant && /^[\s,]*(who|which)\b/i.test(text.slice(claimant.end, claimant.end + 12));
      if (anchor.form !== "nominal" && !relative) clauseStart = Math.min(t.length - 1, anchor.cueEnd + 1);
    }
    for (const { claim } of found) claims.push(claim);
  }
  for (const { cue, reading } of colons) {
    const claim = build({ ...reading, text, lemma: ":", cue, cueKind: "SPEECH" });
    claim.claimantName = speakerName(reading.claimant!.text);
    claims.push(claim);
  }
  // In text order (a reporting clause after its content, a colon line), then who each claimant is.
  claims.sort((a, b) => a.spans.cue.start - b.spans.cue.start);
  work.steps += claims.length;
  for (const claim of claims) resolveClaimant(claim, people, claim.cueLemma === ":" ? (claim.claimantName ?? undefined) : undefined);
  linkNested(claims);
  if (text !== original) {
    for (const claim of claims) {
      for (const key of ["claimant", "cue", "content", "channel", "date", "reportedBy"] as const) {
        const s = claim.spans[key];
        if (s) claim.spans[key] = unmask(original, text, s);
      }
      claim.text = claim.spans.content.text;
    }
  }
  return claims;
}
