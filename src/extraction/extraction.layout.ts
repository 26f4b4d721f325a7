import { work } from "./extraction.work.ts";

// Where the text's own furniture is: a headline on the first line ("Council
// Adds Two Seats" reports nothing) and datelines at the start of paragraphs
// ("PORT ELLIS, March 4 (Coastline Wire) --"), which are never part of a
// claimant.

/** Where the headline ends (0 when the first line is not one): a short first line in Title Case without a full stop. */
export function headlineEnd(text: string): number {
  const end = text.indexOf("\n");
  if (end <= 0 || end > 200) return 0;
  const line = text.slice(0, end).trim();
  work.steps += end;
  if (!line || /[.!?:;"”]$/.test(line)) return 0;
  const words = line.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  if (words.length < 2 || words.length > 16) return 0;
  const capitalised = words.filter((w) => w.length <= 3 || /^\p{Lu}/u.test(w)).length;
  return capitalised === words.length && words.some((w) => w.length > 3) ? end : 0;
}

/** A dateline: a place in capitals, maybe a date, maybe an agency in brackets, then a dash. */
const DATELINE =
  /(^|\n)[ \t]*(\p{Lu}[\p{Lu}.'’ -]{2,40}?(?:,[ \t]*\p{Lu}\p{Ll}{2,8}\.?[ \t]+\d{1,2})?(?:,[ \t]*\d{4})?[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*(?:--|—|–|-)[ \t]+)/gu;

/** The offsets where each dateline ends, in order. */
export function datelineEnds(text: string): number[] {
  const ends: number[] = [];
  DATELINE.lastIndex = 0;
  for (let m = DATELINE.exec(text); m; m = DATELINE.exec(text)) {
    work.steps += m[0].length + 1;
    // The place must be a word in capitals of three letters or more, not a lone initial.
    if (!/\p{Lu}{3}/u.test(m[2]!)) continue;
    ends.push(m.index + m[0].length);
  }
  return ends;
}
