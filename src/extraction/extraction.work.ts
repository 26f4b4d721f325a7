// Work done by the extractor, counted in steps (a token, quote, date or
// person visited; a character scanned by a regular expression or handed to
// wink-nlp or chrono). Extraction is synchronous, so one counter serves every
// call: extractClaimsWithWork reads how far it moved. Tests bound its growth.
export const work = { steps: 0 };

/**
 * The modelled cost of a library call on a piece of `length` characters:
 * linear up to `limit`, growing with the square beyond it (wink-nlp's
 * tokenizer is quadratic in a run of non-space characters, chrono in a
 * sentence full of numbers). The extractor hands them pieces no longer than
 * the limit, so their work stays linear in the input.
 */
export const libraryCost = (length: number, limit: number) => (length <= limit ? length : Math.ceil((length * length) / limit));
