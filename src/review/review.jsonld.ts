import SCHEMA_ORG_CONTEXT from "./schemaorg-context.json" with { type: "json" };

// The JSON-LD contexts of claimgraph's ClaimReview documents, and a document
// loader for JSON-LD processors (the `jsonld` package) that never fetches.
//
// schemaorg-context.json is a trimmed copy of schema.org's JSON-LD context
// (https://schema.org/docs/jsonldcontext.jsonld), written by hand offline: the
// same header (`@vocab` http://schema.org/, as schema.org's own context has
// it, and the usual prefixes), and the term definitions of every class and
// property claimgraph emits, in the form the full context gives them (URL
// properties typed `@id`, date properties typed `Date`). A term it lacks
// still expands through `@vocab`; add its definition when claimgraph starts
// emitting it.

export { SCHEMA_ORG_CONTEXT };

/** Where the terms claimgraph adds to schema.org live: Web Annotation (`oa:`) and its own (`cg:`). */
export const OA = "http://www.w3.org/ns/oa#";
export const CG = "https://claimgraph.dev/ns#";

/**
 * The `@context` of every document: schema.org, then the W3C Web Annotation
 * selector terms under the names the Web Annotation context gives them, and the
 * `cg:` prefix for claimgraph's own terms (ids, the normalised verdict, UTF-16
 * offsets, the feed's next page).
 */
export const CLAIMREVIEW_CONTEXT = [
  "https://schema.org",
  {
    oa: OA,
    cg: CG,
    TextQuoteSelector: "oa:TextQuoteSelector",
    TextPositionSelector: "oa:TextPositionSelector",
    selector: { "@id": "oa:hasSelector", "@type": "@id" },
    exact: "oa:exact",
    prefix: "oa:prefix",
    suffix: "oa:suffix",
    start: { "@id": "oa:start", "@type": "http://www.w3.org/2001/XMLSchema#nonNegativeInteger" },
    end: { "@id": "oa:end", "@type": "http://www.w3.org/2001/XMLSchema#nonNegativeInteger" },
  },
] as const;

/** The addresses schema.org's context is known by: the site, with or without a slash, and the context file itself. */
const SCHEMA_ORG_URL = /^https?:\/\/schema\.org(?:\/|\/docs\/jsonldcontext\.json(?:ld)?)?$/;

/** What a `jsonld` document loader returns. */
export type RemoteDocument = { contextUrl: string | null; documentUrl: string; document: unknown };

/**
 * A document loader for the `jsonld` package: schema.org's context (by any of
 * its addresses, over http or https) is the bundled copy; every other URL is
 * refused, so processing a document never touches the network.
 */
export async function documentLoader(url: string): Promise<RemoteDocument> {
  if (SCHEMA_ORG_URL.test(url)) return { contextUrl: null, documentUrl: url, document: structuredClone(SCHEMA_ORG_CONTEXT) };
  throw new Error(`Refusing to load the remote JSON-LD document ${JSON.stringify(url)}: only schema.org's context is available (bundled)`);
}
