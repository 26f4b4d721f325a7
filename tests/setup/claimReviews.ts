// ClaimReview documents for the import tests (tests/http/claimReviewImport.test.ts, its CLI case, and the audit
// completeness test): schema.org JSON-LD as fact-checkers publish it, built from a few parts.

export type Json = Record<string, unknown>;

export const SCHEMA_ORG = "https://schema.org";

/** An article the imports anchor in: claimgraph knows it by its url. */
export const HARBOUR = {
  slug: "import-harbour",
  url: "https://news.example/harbour",
  title: "Harbour to reopen",
  // The emoji makes code points (TextPositionSelector) and UTF-16 offsets (claimgraph's) differ.
  body: "🙂 Mayor Ana Ruiz said the harbour would reopen in May. Critics said the harbour would reopen in May only on paper. The port authority said fees had not risen.",
  claim: { text: "The harbour will reopen in May.", quote: "Mayor Ana Ruiz said the harbour would reopen in May" },
} as const;

/** The UTF-16 offset of the `n`th occurrence (from 0) of `words` in `text`. */
export function nth(text: string, words: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(words, at + 1);
  if (at < 0) throw new Error(`"${words}" does not occur ${n + 1} times`);
  return at;
}

/** Code points before a UTF-16 offset: what a TextPositionSelector counts. */
export const codePoints = (text: string, utf16: number) => [...text.slice(0, utf16)].length;

export const organization = (name: string, extra: Json = {}): Json => ({ "@type": "Organization", name, ...extra });
export const person = (name: string, extra: Json = {}): Json => ({ "@type": "Person", name, ...extra });

/** A TextQuoteSelector, and a TextPositionSelector when `positions` is given (code points). */
export function selectors(exact: string, context: { prefix?: string; suffix?: string } = {}, positions?: { start: number; end: number }): Json[] {
  return [{ "@type": "TextQuoteSelector", exact, ...context }, ...(positions ? [{ "@type": "TextPositionSelector", ...positions }] : [])];
}

/** A ClaimReview in Google's fact-check profile; `claim` goes into itemReviewed. */
export function claimReview(url: string, fields: Json = {}, claim: Json = {}): Json {
  return {
    "@context": SCHEMA_ORG,
    "@type": "ClaimReview",
    url,
    claimReviewed: HARBOUR.claim.text,
    datePublished: "2025-06-01",
    inLanguage: "en",
    author: organization("Harbour Checks"),
    reviewRating: { "@type": "Rating", ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: "False" },
    ...fields,
    itemReviewed: { "@type": "Claim", ...claim },
  };
}

/** The same without its own @context, as a DataFeed or @graph holds it. */
export function bare(node: Json): Json {
  const { "@context": _context, ...rest } = node;
  return rest;
}

export const dataFeed = (...items: Json[]): Json => ({
  "@context": SCHEMA_ORG,
  "@type": "DataFeed",
  dataFeedElement: items.map((item) => ({ "@type": "DataFeedItem", item: bare(item) })),
});

/** An HTML page with a NewsArticle block and the ClaimReviews in a second block. */
export const htmlPage = (...items: Json[]) => `<!doctype html>
<html><head><title>Fact check</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Not a review"}</script>
<script type='application/ld+json'>
${JSON.stringify(items)}
</script>
</head><body><p>Fact check.</p></body></html>`;
