import type { Reading } from "./extraction.proposal.ts";
import type { TextSpan } from "./extraction.tokens.ts";
import { work } from "./extraction.work.ts";

// Pattern: a colon cue. A transcript or a list of what was said, one speaker
// a line: "PARK: It comes from growth.", "Ortiz: “We will cut the sales tax.”",
// "Lima, on evacuations: “Nobody should go back.”". The speaker is a short name
// at the start of a line; the content is the rest of the line, without its
// quotation marks.

/** One colon attribution: the cue is the colon. */
export type ColonLine = { cue: TextSpan; reading: Reading };

/** Line openings that end with a colon but name no speaker. */
const NOT_SPEAKERS = new Set([
  "note",
  "notes",
  "update",
  "updated",
  "correction",
  "editor",
  "editors",
  "photo",
  "photos",
  "source",
  "sources",
  "related",
  "read",
  "watch",
  "see",
  "listen",
  "warning",
  "breaking",
  "advertisement",
  "subscribe",
  "disclaimer",
  "tags",
  "q",
  "a",
  "question",
  "answer",
  "summary",
  "background",
  "context",
  "why",
  "what",
  "how",
  "when",
  "where",
  "who",
  "key",
  "the",
  "in",
  "on",
  "at",
  "by",
  "for",
  "from",
  "this",
  "that",
  "these",
  "here",
  "there",
  "today",
  "yesterday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);

/** A speaker, an optional ", on <topic>", the colon, then what was said; each line is read once. */
const LINE = /^([ \t]*)((?:[A-Z][\p{L}'’.-]*)(?:[ \t]+[A-Z][\p{L}'’.-]*){0,3})((?:,[ \t]+on[ \t]+[^:\n]{1,40})?):[ \t]+(\S[^\n]*)$/gmu;

/** The colon attributions of `text`, in order. */
export function findColonLines(text: string): ColonLine[] {
  const found: ColonLine[] = [];
  if (!text.includes(":")) return found;
  LINE.lastIndex = 0;
  for (let m = LINE.exec(text); m; m = LINE.exec(text)) {
    work.steps += m[0].length + 1;
    const [whole, indent, name, topic, said] = m as unknown as [string, string, string, string, string];
    const first = name.split(/\s+/)[0]!.replace(/[.:]$/, "").toLowerCase();
    if (NOT_SPEAKERS.has(first)) continue;
    // A speaker in capitals (a transcript) or a short Title Case name; never a sentence that happens to hold a colon.
    const words = name.split(/\s+/);
    if (words.length > 4 || (name !== name.toUpperCase() && words.some((w) => w.length > 1 && w[0] !== w[0]!.toUpperCase()))) continue;
    if (said.split(/\s+/).length < 3) continue;
    const start = m.index + indent.length;
    const colon = start + name.length + topic.length;
    let from = m.index + whole.length - said.length;
    let to = m.index + whole.length;
    while (to > from && /[\s.]/.test(text[to - 1]!)) to--;
    const opens = /^["“]/.test(text[from]!);
    if (opens) from++;
    while (to > from && /["”\s.]/.test(text[to - 1]!)) to--;
    if (to <= from) continue;
    found.push({
      cue: { start: colon, end: colon + 1, text: ":" },
      reading: {
        claimant: { start, end: start + name.length, text: name },
        content: { start: from, end: to, text: text.slice(from, to) },
        channel: null,
        date: null,
        kind: "DIRECT_QUOTE",
        confidence: 0.75,
      },
    });
  }
  return found;
}

/** "MS. OYELARAN" → "Oyelaran", "THE SPEAKER" → "Speaker": a transcript's speaker as a name. */
export function speakerName(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .replace(/^(MS|MR|MRS|DR|THE)\.?\s+/, "")
    .toLowerCase()
    .replace(/(^|[\s'’-])\p{L}/gu, (c) => c.toUpperCase());
}
