import * as chrono from "chrono-node";

import { libraryCost, work } from "./extraction.work.ts";

export type DatePrecision = "YEAR" | "MONTH" | "DAY" | "MINUTE";
export type FoundDate = { start: number; end: number; text: string; at: Date; precision: DatePrecision };

const DAY_MS = 86_400_000;
// Words that belong to the date phrase when they come just before chrono's match.
const LEAD_IN = /(?:\b(?:on|in|at|during|last|early|late|after|before|since|this|the early hours of|in the early hours of)\s+)+$/i;
/** How far back a lead-in is looked for: an expression anchored at the end would otherwise read all the text before. */
const LEAD_IN_REACH = 64;
/** chrono is slower than linear on a long text full of numbers: a longer sentence is parsed in pieces of about this many characters. */
const CHUNK = 1_000;
/** Each piece is parsed this far beyond its end, so a date that starts in it is read whole. */
const OVERLAP = 200;

type Parsed = { index: number; text: string; start: chrono.ParsedComponents };

/** chrono's results for `text`, parsed in pieces of at most CHUNK + OVERLAP characters cut at spaces. */
function parse(text: string, publishedAt: Date): Parsed[] {
  const results: Parsed[] = [];
  let read = 0;
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + CHUNK);
    if (to < text.length) {
      // Cut at a space in the second half of the piece; otherwise anywhere but inside a surrogate pair.
      const space = text.slice(from + CHUNK / 2, to).lastIndexOf(" ");
      if (space >= 0) to = from + CHUNK / 2 + space;
      else if (text.charCodeAt(to) >= 0xdc00 && text.charCodeAt(to) <= 0xdfff) to++;
    }
    const piece = text.slice(from, Math.min(text.length, to + OVERLAP));
    work.steps += libraryCost(piece.length, 2 * CHUNK);
    const before = read;
    for (const result of chrono.parse(piece, { instant: publishedAt, timezone: "UTC" }, { forwardDate: false })) {
      work.steps++;
      const index = from + result.index;
      // A date starting in the overlap belongs to the next piece; one the previous piece read whole is not read twice.
      if (result.index >= to - from || index < before) continue;
      results.push({ index, text: result.text, start: result.start });
      read = Math.max(read, index + result.text.length);
    }
    from = to;
  }
  return results;
}

/** `text` without the characters of `chars` at its end. */
function trimEnd(text: string, chars: RegExp): string {
  let end = text.length;
  while (end > 0 && chars.test(text[end - 1]!)) end--, work.steps++;
  return text.slice(0, end);
}

/** US Eastern offset in hours: daylight time from the second Sunday of March to the first Sunday of November. */
function easternOffset(at: Date): number {
  const year = at.getUTCFullYear();
  const nthSunday = (month: number, n: number) => {
    const first = new Date(Date.UTC(year, month, 1));
    return Date.UTC(year, month, 1 + ((7 - first.getUTCDay()) % 7) + 7 * (n - 1));
  };
  const t = at.getTime();
  return t >= nthSunday(2, 2) && t < nthSunday(10, 1) ? -4 : -5;
}

/**
 * Dates in `text` (offsets relative to it), resolved against the publication
 * date. News reports the past: a weekday or a day of the year that would fall
 * after publication means the previous one ("on May 30th" in June is this
 * year's, "on Friday" in a Wednesday article is last Friday).
 */
export function findDates(text: string, offset: number, publishedAt: Date): FoundDate[] {
  const results = parse(text, publishedAt);
  const found = results.map((result) => {
    work.steps += result.text.length;
    const known = result.start;
    let at = known.date();
    const after = text.slice(result.index + result.text.length);
    if (known.isCertain("hour") && /^\s*(Eastern Time|ET|EDT|EST)\b/.test(after)) {
      at = new Date(at.getTime() - easternOffset(at) * 3_600_000);
    }
    if (at.getTime() > publishedAt.getTime() + DAY_MS / 2) {
      if (known.isCertain("weekday") && !known.isCertain("day")) at = new Date(at.getTime() - 7 * DAY_MS);
      else if (known.isCertain("day") && !known.isCertain("year"))
        at = new Date(Date.UTC(at.getUTCFullYear() - 1, at.getUTCMonth(), at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes()));
    }
    const precision: DatePrecision = known.isCertain("hour")
      ? "MINUTE"
      : known.isCertain("day") || known.isCertain("weekday")
        ? "DAY"
        : known.isCertain("month") || /\bmonth\b/i.test(result.text)
          ? "MONTH"
          : /\bweek\b/i.test(result.text)
            ? "DAY"
            : "YEAR";
    // A date known to the day (or month, or year) is stored at its start, not at the reference time of day.
    if (precision !== "MINUTE") {
      at = new Date(Date.UTC(at.getUTCFullYear(), precision === "YEAR" ? 0 : at.getUTCMonth(), precision === "DAY" ? at.getUTCDate() : 1));
    }
    const reach = Math.max(0, result.index - LEAD_IN_REACH);
    work.steps += result.index - reach;
    const lead = LEAD_IN.exec(text.slice(reach, result.index))?.[0].length ?? 0;
    let end = result.index + trimEnd(result.text, /[\s,.;:]/).length;
    const zone = /^\s*(Eastern Time|ET|EDT|EST)\b/.exec(after);
    if (zone && precision === "MINUTE") end += zone[0].length;
    const start = result.index - lead;
    const dayKnown = known.isCertain("day") || known.isCertain("weekday");
    return { start: offset + start, end: offset + end, text: text.slice(start, end), at, precision, dayKnown };
  });
  // "Wednesday, at 2:17 AM Eastern Time" may come back as a day and a separate time: one date.
  const merged: (FoundDate & { dayKnown: boolean })[] = [];
  for (const date of found) {
    work.steps++;
    const previous = merged.at(-1);
    if (previous && date.precision === "MINUTE" && !date.dayKnown && previous.dayKnown && previous.precision === "DAY") {
      const at = new Date(
        Date.UTC(previous.at.getUTCFullYear(), previous.at.getUTCMonth(), previous.at.getUTCDate(), date.at.getUTCHours(), date.at.getUTCMinutes()),
      );
      // Side by side they are one phrase; apart (the day before the subject, the time after the verb), the time keeps its own span.
      if (date.start - previous.end < 40)
        merged[merged.length - 1] = { ...previous, end: date.end, text: text.slice(previous.start - offset, date.end - offset), at, precision: "MINUTE" };
      else merged.push({ ...date, at, dayKnown: true });
    } else {
      merged.push(date);
    }
  }
  return merged.map(({ dayKnown: _, ...date }) => date);
}
