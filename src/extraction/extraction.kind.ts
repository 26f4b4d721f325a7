import { GOVERNMENT_WORDS, MEDIA_WORDS, ORGANIZATION_WORDS, OUTLETS, PERSON_WORDS, PLATFORMS, ROLE_WORDS, STATES } from "./extraction.lexicon.ts";

// Apart from the extractor (extraction.tokens.ts loads wink-nlp's model): the
// service reads kinds on the request thread, where extraction itself no longer
// runs.

export type SourceKindGuess = "NEWS_AGENCY" | "NEWS_OUTLET" | "SOCIAL_PLATFORM" | "GOVERNMENT_BODY" | "ORGANIZATION" | "PERSON";

/** The kind of source a name looks like, from the outlet and platform lists and institution words. */
export function guessKind(name: string): SourceKindGuess {
  const lower = name.toLowerCase().replace(/^the\s+/, "");
  if (OUTLETS[lower] ?? OUTLETS[`the ${lower}`]) return OUTLETS[lower] ?? OUTLETS[`the ${lower}`]!;
  if (PLATFORMS.has(lower)) return "SOCIAL_PLATFORM";
  if (/news agency|press agency/.test(lower)) return "NEWS_AGENCY";
  if (GOVERNMENT_WORDS.test(lower) || STATES.test(lower)) return "GOVERNMENT_BODY";
  if (MEDIA_WORDS.test(lower)) return "NEWS_OUTLET";
  if (ORGANIZATION_WORDS.test(lower)) return "ORGANIZATION";
  // "the bridge", "a survey": a common noun that names no person is a thing or a body, never someone "she" points to.
  if (/^(the|a|an|this|that|its|their)\s/i.test(name) && !ROLE_WORDS.test(lower) && !PERSON_WORDS.test(lower)) return "ORGANIZATION";
  return "PERSON";
}
