import type { Db } from "../db/client.ts";
import { encodeCursorParts, decodeCursorParts, MAX_PAGE_SIZE } from "../db/pages.ts";
import { EARLIEST_DATE, LATEST_DATE } from "../db/filters/scope.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { AppearanceStatus, DatePrecision, ReviewStatus, SourceKind } from "../generated/prisma/enums.ts";
import { UserInputError } from "../shared/errors.ts";
import { toGlobalId } from "../shared/globalId.ts";
import { CLAIMREVIEW_CONTEXT } from "./review.jsonld.ts";

// A review as schema.org ClaimReview JSON-LD, following Google's fact-check
// profile, with the exact span of every appearance of the claim as a W3C Web
// Annotation TextQuoteSelector and TextPositionSelector. The GraphQL field
// Review.claimReview and the HTTP routes (src/http/claimReview.ts) both build
// their documents here; the feed pages through published and retracted
// reviews as a schema.org DataFeed.

export type JsonLd = { [key: string]: unknown };

/** Code points of context the TextQuoteSelector gives on each side of the span. */
export const SELECTOR_CONTEXT = 32;
/** The feed's page size when `first` is not given, and its largest. */
export const FEED_PAGE_SIZE = MAX_PAGE_SIZE;

/** Everything a document reads, in one statement per relation (Prisma batches each level), never one per review. */
const INCLUDE = {
  reviewer: true,
  authors: { orderBy: { position: "asc" }, include: { source: true } },
  claim: {
    include: {
      claimant: { include: { affiliation: true } },
      appearances: {
        orderBy: [{ start: "asc" }, { id: "asc" }],
        include: { article: { select: { id: true, title: true, url: true, language: true, publishedAt: true, body: true } } },
      },
    },
  },
} satisfies Prisma.ReviewInclude;

export type ClaimReviewRow = Prisma.ReviewGetPayload<{ include: typeof INCLUDE }>;
type SourceRow = ClaimReviewRow["reviewer"];
type ArticleRow = ClaimReviewRow["claim"]["appearances"][number]["article"];
/**
 * An appearance as the document reads it: a span of an article, or (once appearances may be known by a page's URL
 * alone, as imported ClaimReviews give them) no article and no offsets, with the page's `url` and perhaps the words.
 */
type AppearanceRow = Pick<ClaimReviewRow["claim"]["appearances"][number], "id" | "status"> & {
  article: ArticleRow | null;
  quote: string | null;
  start: number | null;
  end: number | null;
  url?: string | null;
};

/** The rows behind each review's document, in the order of `ids`; null for an unknown id. Drafts are included: callers decide. */
export async function loadClaimReviews(db: Db, ids: readonly string[]): Promise<(ClaimReviewRow | null)[]> {
  const rows = await db.review.findMany({ where: { id: { in: [...ids] } }, include: INCLUDE });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** The review as a standalone JSON-LD document, with its `@context`. */
export function claimReviewDocument(row: ClaimReviewRow): JsonLd {
  return { "@context": CLAIMREVIEW_CONTEXT, ...claimReviewNode(row) };
}

/** How schema.org names each review status (`creativeWorkStatus`). */
const WORK_STATUS: Record<ReviewStatus, string> = { DRAFT: "Draft", PUBLISHED: "Published", RETRACTED: "Retracted" };

/** The review as a ClaimReview node, without `@context` (the feed nests it). */
export function claimReviewNode(row: ClaimReviewRow): JsonLd {
  const { claim } = row;
  return compact({
    "@type": "ClaimReview",
    "cg:id": toGlobalId("Review", row.id),
    url: row.url,
    headline: row.headline,
    datePublished: row.datePublished?.toISOString(),
    inLanguage: row.language,
    // Retracted reviews are exported with their rating, marked here; drafts only reach editors, through GraphQL.
    creativeWorkStatus: WORK_STATUS[row.status],
    "cg:verdict": row.verdict,
    claimReviewed: claim.text,
    reviewRating: compact({
      "@type": "Rating",
      ratingValue: row.ratingValue,
      bestRating: row.bestRating,
      worstRating: row.worstRating,
      alternateName: row.alternateName,
      ratingExplanation: row.ratingExplanation,
    }),
    // The fact-checking organisation first, then the people who wrote the review.
    author: [sourceNode(row.reviewer), ...row.authors.map(({ source }) => sourceNode(source))],
    itemReviewed: claimNode(claim),
  });
}

function claimNode(claim: ClaimReviewRow["claim"]): JsonLd {
  // Text order within an article, and articles by publication: the earliest dated one is the first appearance.
  const appearances = [...(claim.appearances as AppearanceRow[])].sort(byPublication);
  const first = appearances.find((appearance) => appearance.article?.publishedAt != null);
  return compact({
    "@type": "Claim",
    "cg:id": toGlobalId("Claim", claim.id),
    author: claim.claimant
      ? sourceNode(claim.claimant, { withRole: true })
      : claim.claimantDescription
        ? { "@type": "Organization", name: claim.claimantDescription }
        : null,
    datePublished: claim.claimedAt ? withPrecision(claim.claimedAt, claim.claimedAtPrecision) : null,
    appearance: appearances.map(appearanceNode),
    firstAppearance: first ? appearanceNode(first) : null,
  });
}

const SOURCE_TYPE: Record<SourceKind, string> = {
  PERSON: "Person",
  GOVERNMENT_BODY: "GovernmentOrganization",
  NEWS_AGENCY: "NewsMediaOrganization",
  NEWS_OUTLET: "NewsMediaOrganization",
  SOCIAL_PLATFORM: "Organization",
  ORGANIZATION: "Organization",
};

type SourceWithAffiliation = SourceRow & { affiliation?: SourceRow | null };

/** A source as a Person or an Organization; a person's role is its jobTitle, and its home page its sameAs. */
function sourceNode(source: SourceWithAffiliation, { withRole = false } = {}): JsonLd {
  const person = source.kind === SourceKind.PERSON;
  return compact({
    "@type": SOURCE_TYPE[source.kind],
    "cg:id": toGlobalId("Source", source.id),
    name: source.name,
    jobTitle: withRole && person ? source.role : null,
    affiliation: withRole && source.affiliation ? sourceNode(source.affiliation) : null,
    url: person ? null : source.url,
    sameAs: source.url,
  });
}

/** An appearance: the article (url, headline, date) and the exact span in its body. */
function appearanceNode(appearance: AppearanceRow): JsonLd {
  const { article, start, end } = appearance;
  const quoted = appearance.quote ? [{ "@type": "TextQuoteSelector", exact: appearance.quote }] : null;
  if (!article || start == null || end == null) {
    // Known only by the page it appeared on: its URL, and the words when they are known.
    return compact({ "@type": "CreativeWork", "cg:id": toGlobalId("Appearance", appearance.id), url: appearance.url, selector: quoted });
  }
  return compact({
    "@type": "CreativeWork",
    "cg:id": toGlobalId("Appearance", appearance.id),
    "cg:article": toGlobalId("Article", article.id),
    url: article.url,
    headline: article.title,
    datePublished: article.publishedAt?.toISOString(),
    inLanguage: article.language,
    ...(appearance.status === AppearanceStatus.STALE
      ? // The body changed and the words are gone: only the words are known, not where they were.
        { "cg:stale": true, selector: quoted }
      : { selector: selectors(article.body, start, end) }),
  });
}

/**
 * The span as Web Annotation selectors. TextPositionSelector counts code points, as the W3C model says;
 * claimgraph's own offsets (UTF-16 code units, as the GraphQL API gives them) ride along as cg:utf16Start/End.
 */
export function selectors(body: string, start: number, end: number): JsonLd[] {
  const exact = body.slice(start, end);
  const before = codePoints(body.slice(0, start));
  return [
    compact({
      "@type": "TextQuoteSelector",
      exact,
      prefix: lastCodePoints(body.slice(Math.max(0, start - 2 * SELECTOR_CONTEXT), start), SELECTOR_CONTEXT) || null,
      suffix: firstCodePoints(body.slice(end, end + 2 * SELECTOR_CONTEXT), SELECTOR_CONTEXT) || null,
    }),
    { "@type": "TextPositionSelector", start: before, end: before + codePoints(exact), "cg:utf16Start": start, "cg:utf16End": end },
  ];
}

const codePoints = (text: string) => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The last `n` code points of `text`, dropping a low surrogate cut from its pair at the start. */
function lastCodePoints(text: string, n: number): string {
  const points = Array.from(isLowSurrogate(text.charCodeAt(0)) ? text.slice(1) : text);
  return points.slice(-n).join("");
}

/** The first `n` code points of `text` (a pair cut at the end is dropped by taking whole code points only). */
function firstCodePoints(text: string, n: number): string {
  const points = Array.from(text).slice(0, n);
  const last = points.at(-1);
  // A high surrogate alone at the end of the window: its pair lies beyond it.
  if (last && last.length === 1 && last.charCodeAt(0) >= 0xd800 && last.charCodeAt(0) <= 0xdbff) points.pop();
  return points.join("");
}

/** Articles by publication date (undated, and pages without an article, last), then by article, then in text order. */
function byPublication(a: AppearanceRow, b: AppearanceRow): number {
  const at = (row: AppearanceRow) => row.article?.publishedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return at(a) - at(b) || compareText(a.article?.id ?? "", b.article?.id ?? "") || (a.start ?? 0) - (b.start ?? 0) || compareText(a.id, b.id);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A date as precise as it is known: 2025, 2025-06, 2025-06-04, or the full instant. */
function withPrecision(date: Date, precision: DatePrecision | null): string {
  const iso = date.toISOString();
  if (precision === DatePrecision.YEAR) return iso.slice(0, 4);
  if (precision === DatePrecision.MONTH) return iso.slice(0, 7);
  if (precision === DatePrecision.DAY) return iso.slice(0, 10);
  return iso;
}

/** Leaves out keys whose value is null, undefined or an empty list, so that a document states only what is known. */
function compact(node: JsonLd): JsonLd {
  return Object.fromEntries(Object.entries(node).filter(([, value]) => value != null && !(Array.isArray(value) && value.length === 0)));
}

// The feed: published and retracted reviews, oldest change first.

export type FeedArgs = { since?: string; after?: string; first?: string };
export type FeedQuery = { since: Date | null; after: { updatedAt: Date; id: string } | null; first: number };
export type FeedPage = { items: ClaimReviewRow[]; next: string | null };

const FEED_STATUSES: ReviewStatus[] = [ReviewStatus.PUBLISHED, ReviewStatus.RETRACTED];
// A calendar date, or a date and time with seconds (and fraction) and a zone: what `since` accepts.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Reads the feed's query parameters; BAD_USER_INPUT naming the parameter when one is malformed. */
export function parseFeedArgs(args: FeedArgs): FeedQuery {
  let since: Date | null = null;
  if (args.since !== undefined) {
    const time = ISO_INSTANT.test(args.since) ? Date.parse(args.since) : Number.NaN;
    if (!(time >= EARLIEST_DATE && time <= LATEST_DATE)) {
      throw new UserInputError(`"since" must be an ISO 8601 date or date-time with a zone, e.g. 2025-06-01T00:00:00Z`, "since");
    }
    since = new Date(time);
  }
  let first = FEED_PAGE_SIZE;
  if (args.first !== undefined) {
    first = /^\d{1,4}$/.test(args.first) ? Number(args.first) : Number.NaN;
    if (!(first >= 1 && first <= FEED_PAGE_SIZE)) {
      throw new UserInputError(`"first" must be between 1 and ${FEED_PAGE_SIZE}, got ${JSON.stringify(args.first)}`, "first", { limit: FEED_PAGE_SIZE });
    }
  }
  return { since, first, after: args.after === undefined ? null : decodeFeedCursor(args.after) };
}

/** A feed cursor: the last item's change time and id, so the next page starts right after it. */
export function encodeFeedCursor(item: { updatedAt: Date; id: string }): string {
  return encodeCursorParts(["feed", item.updatedAt.toISOString(), item.id]);
}

function decodeFeedCursor(cursor: string): { updatedAt: Date; id: string } {
  const parts = cursor.length <= 500 ? decodeCursorParts(cursor) : undefined;
  const time = Array.isArray(parts) && typeof parts[1] === "string" ? Date.parse(parts[1]) : Number.NaN;
  if (!Array.isArray(parts) || parts.length !== 3 || parts[0] !== "feed" || !(time >= EARLIEST_DATE && time <= LATEST_DATE) || typeof parts[2] !== "string") {
    throw new UserInputError(`"after" is not a cursor of this feed`, "after");
  }
  return { updatedAt: new Date(time), id: parts[2] };
}

/**
 * One page of the feed: reviews changed at or after `since`, after the cursor, in the order of their last change
 * (then id), so that a consumer who polls with `since` sees retractions and corrections as they happen. One
 * statement for the page and one per relation it includes, however long the page.
 */
export async function claimReviewFeedPage(db: Db, query: FeedQuery): Promise<FeedPage> {
  const { since, after, first } = query;
  const page = await db.review.findMany({
    where: {
      status: { in: FEED_STATUSES },
      ...(since ? { updatedAt: { gte: since } } : {}),
      ...(after ? { OR: [{ updatedAt: { gt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    // One more than the page, to know whether another follows.
    take: first + 1,
    include: INCLUDE,
  });
  const items = page.slice(0, first);
  return { items, next: page.length > first ? encodeFeedCursor(items.at(-1)!) : null };
}

/** A feed page as a schema.org DataFeed; `next` is the absolute URL of the next page, when there is one. */
export function claimReviewFeedDocument(page: FeedPage, next: string | null): JsonLd {
  return {
    "@context": CLAIMREVIEW_CONTEXT,
    "@type": "DataFeed",
    name: "claimgraph ClaimReview feed",
    dataFeedElement: page.items.map((row) =>
      compact({
        "@type": "DataFeedItem",
        dateModified: row.updatedAt.toISOString(),
        // A retraction takes the review out of the feed's live set; the item still says what was retracted.
        dateDeleted: row.status === ReviewStatus.RETRACTED ? row.updatedAt.toISOString() : null,
        item: claimReviewNode(row),
      }),
    ),
    ...(next ? { "cg:next": { "@id": next } } : {}),
  };
}
