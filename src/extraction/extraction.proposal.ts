import type { DatePrecision, FoundDate } from "./extraction.dates.ts";
import type { SourceKindGuess } from "./extraction.kind.ts";
import type { CueKind } from "./extraction.lexicon.ts";
import type { TextSpan } from "./extraction.tokens.ts";

// What the extractor proposes, and how a pattern's reading of one cue becomes
// a proposal.

export type ClaimKind = "DIRECT_QUOTE" | "REPORTED_SPEECH" | "ASSERTION";

export type ExtractedClaim = {
  kind: ClaimKind;
  confidence: number;
  /** Standalone wording of the claim. */
  text: string;
  cueLemma: string;
  /** Speech, a thought or stance, or evidence (what a document or data shows). */
  cueKind: CueKind;
  /** For an attribution inside another's content ("The mayor said she still believed …"): the index of the outer proposal. */
  outerIndex: number | null;
  /** Who the claimant span refers to, after pronouns and short names are resolved; null for unnamed groups. */
  claimantName: string | null;
  claimantRole: string | null;
  claimantKind: SourceKindGuess;
  reportedByName: string | null;
  channelName: string | null;
  claimedAt: Date | null;
  claimedAtPrecision: DatePrecision | null;
  spans: { claimant: TextSpan | null; cue: TextSpan; content: TextSpan; channel: TextSpan | null; date: TextSpan | null; reportedBy: TextSpan | null };
};

/** What a pattern read around one cue: the parts of a proposal. */
export type Reading = {
  claimant: TextSpan | null;
  content: TextSpan;
  channel: TextSpan | null;
  date: FoundDate | null;
  kind: ClaimKind;
  confidence: number;
  /** Token index where the content starts, when the pattern knows it: an attribution nested in the content starts its clause there. */
  contentStart?: number;
  /** The attribution names no source on purpose ("it was reported that", "is said to"): keep it without a claimant. */
  sourceless?: boolean;
};

/** A proposal from a reading of the cue `cue` (lemma `lemma`) in `text`; extraction.people.ts fills in who the claimant is. */
export function build({
  text,
  lemma,
  cue,
  claimant,
  content,
  channel,
  date,
  kind,
  confidence,
  cueKind,
}: Reading & { text: string; lemma: string; cue: TextSpan; cueKind: CueKind }): ExtractedClaim {
  return {
    kind,
    confidence,
    text: content.text,
    cueLemma: lemma,
    cueKind,
    outerIndex: null,
    claimantName: claimant?.text ?? null,
    claimantRole: null,
    claimantKind: "PERSON",
    reportedByName: null,
    channelName: channel ? channelName(channel.text) : null,
    claimedAt: date?.at ?? null,
    claimedAtPrecision: date?.precision ?? null,
    spans: {
      claimant,
      cue,
      content,
      channel,
      date: date ? { start: date.start, end: date.end, text: text.slice(date.start, date.end) } : null,
      reportedBy: null,
    },
  };
}

/** The outlet or platform a channel phrase names, when it names one ("in an interview with CNBC" → CNBC). */
function channelName(phrase: string): string | null {
  const named = /(?:with|on|to|in)\s+((?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s*$/.exec(phrase)?.[1];
  if (named) return named.replace(/^the\s+/i, "");
  const bare = /^(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)$/.exec(phrase)?.[1];
  return bare ?? null;
}
