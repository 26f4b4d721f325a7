import type { Verdict } from "../generated/prisma/enums.ts";
import SHIPPED from "./verdicts.json" with { type: "json" };

// The verdict mapping that ships with the code (verdicts.json), apart from the
// GraphQL types so that the seed loader can use it too. Admins' entries, in
// the VerdictMapping table, override it (ReviewService.mappedVerdict).

/** Textual ratings, normalised, → verdicts. */
export const DEFAULT_VERDICTS: ReadonlyMap<string, Verdict> = new Map(Object.entries(SHIPPED as Record<string, Verdict>));

/** A rating's words as the mapping keys them: lower-cased, spaces collapsed. */
export function normalizeRating(words: string): string {
  return words.trim().toLowerCase().replace(/\s+/g, " ");
}

/** The verdict the shipped mapping gives these words (admins' entries aside); seeds use it. */
export function shippedVerdict(words: string): Verdict | undefined {
  return DEFAULT_VERDICTS.get(normalizeRating(words));
}
