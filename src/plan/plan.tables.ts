import type { Prisma } from "../generated/prisma/client.ts";
import { APPEARANCE_TEXT_ORDER } from "../appearance/appearance.service.ts";
import { reviewFilterSql, reviewsVisible } from "../review/review.service.ts";
import { REVIEW_SORT } from "../review/review.where.ts";
import type { ReviewFilter } from "../review/review.input.ts";
import type { Viewer } from "../schema/auth.ts";
import { ARTICLE_SORT } from "../article/article.where.ts";
import { CLAIM_SORT } from "../claim/claim.where.ts";
import type { SortColumn } from "../db/pages.ts";
import type { FilterEntity } from "../db/filters/index.ts";
import type { Provider } from "../db/databaseUrl.ts";
import { SOURCE_SORT, SOURCES_SORT } from "../source/source.where.ts";
import { recordOrder, recordRowsSql } from "../source/source.record.ts";
import type { SourceOrder } from "../source/source.input.ts";

// The fixed map the planner compiles from: for each planned GraphQL object type,
// its table, the columns behind its scalar fields, and how each relation field
// reaches its rows. Every identifier in planned SQL comes from here.

export type PlannedType = "Article" | "Claim" | "Source" | "Appearance" | "Review";

/** A condition on the row at `alias` that the caller's filter argument, or the viewer, adds. */
export type RowCondition<T> = (value: T, alias: string) => Prisma.Sql | undefined;

/** How child rows belong to a parent row. */
export type Link =
  /** The child holds the parent's id in `column`. */
  | { via: "childColumn"; column: string }
  /** A link table holds (parent, child) pairs. */
  | { via: "linkTable"; table: string; parent: string; child: string }
  /** Articles a source takes part in: publisher, author, or claimant, channel or reporter of a claim in them. */
  | { via: "sourceArticles" };

export type Relation =
  /** The parent holds the child's id in `column` (to-one, nullable or not). */
  | { kind: "one"; type: PlannedType; column: string }
  /** A Relay connection with paging, filter and order, as the list services read it. */
  | {
      kind: "connection";
      type: PlannedType;
      link: Link;
      sorts: Record<string, SortColumn>;
      defaultSort: string;
      /** Which filter entity `filter` compiles against (or how it becomes SQL); absent where the field takes no filter. */
      filter?: FilterEntity | RowCondition<unknown>;
      /** Checks `orderBy` beyond its sort field, and gives the rows to page through for a computed sort (see Derived). */
      derived?: Derived;
    }
  /**
   * A bounded list in a fixed order: `orderBy` columns ascending, with the backend's own null placement (but for the
   * `nullsLast` columns), as the loaders' Prisma reads have it; columns of the link table when `orderFrom` is "link",
   * else of the child.
   */
  | { kind: "list"; type: PlannedType; link: Link; orderBy: readonly string[]; nullsLast?: readonly string[]; orderFrom?: "link" }
  /** Source.aliases: the alias texts, in recorded order. */
  | { kind: "aliases" };

/**
 * The rows a connection pages through instead of its table when its order is computed (sources by track record):
 * a derived table holding every column of the table plus the sort key's column. Undefined for a plain order.
 * Throws, as the service does, on an order the resolvers refuse, so that they give that error.
 */
export type Derived = (orderBy: unknown, provider: Provider) => Prisma.Sql | undefined;

export type TableInfo = {
  table: string;
  /** GraphQL scalar field → column; `id` is the raw id, which the type's `id` resolver turns global. */
  scalars: Record<string, string>;
  /** Date-time columns, returned as Date objects as Prisma returns them. */
  dates: ReadonlySet<string>;
  /**
   * Fields left to their own resolver, which reads them by the row's id: Article.body (up to 200,000 characters,
   * loaded in batches, so the response ceiling stops a query that repeats it before the database builds it a
   * thousand times) and Source.trackRecord (an aggregate with its own statement).
   */
  loadedApart?: ReadonlySet<string>;
  /** Object fields their own resolver builds from the row's columns (Review.rating), with the columns they read. */
  computed?: Record<string, readonly string[]>;
  /** The rows the viewer may see (review drafts only for editors), on every read of this table. */
  visible?: RowCondition<Viewer>;
  relations: Record<string, Relation>;
};

const scalars = (...names: string[]) => Object.fromEntries(names.map((name) => [name, name]));

/** How each entity's connections sort and filter, as its service reads them. */
const CLAIM_LIST = { sorts: CLAIM_SORT, defaultSort: "CLAIMED_AT", filter: "Claim" } as const;
const ARTICLE_LIST = { sorts: ARTICLE_SORT, defaultSort: "PUBLISHED_AT", filter: "Article" } as const;
const SOURCE_LIST = {
  sorts: SOURCE_SORT,
  defaultSort: "NAME",
  filter: "Source",
  // Source.members has no track-record order: recordOrder refuses minReviewed here.
  derived: (orderBy: unknown) => {
    recordOrder(orderBy as SourceOrder | null | undefined, "members");
    return undefined;
  },
} as const;
/** `sources` also sorts by track record, through derived rows of claimants with their keys. */
const SOURCES_LIST = {
  ...SOURCE_LIST,
  sorts: SOURCES_SORT,
  derived: (orderBy: unknown, provider: Provider) => {
    const minReviewed = recordOrder(orderBy as SourceOrder | null | undefined, "sources");
    return minReviewed === undefined ? undefined : recordRowsSql(provider, minReviewed);
  },
} as const;

/** Review connections: by date published (undated last), filtered by the ReviewFilter. */
const REVIEW_LIST = {
  sorts: REVIEW_SORT,
  defaultSort: "DATE_PUBLISHED",
  filter: ((filter, alias) => reviewFilterSql(filter as ReviewFilter | null | undefined, alias)) as RowCondition<unknown>,
};

export const TABLES: Record<PlannedType, TableInfo> = {
  Article: {
    table: "Article",
    scalars: scalars("id", "slug", "title", "summary", "body", "url", "language", "publishedAt", "origin", "version", "createdAt", "updatedAt"),
    dates: new Set(["publishedAt", "createdAt", "updatedAt"]),
    loadedApart: new Set(["body"]),
    relations: {
      publisher: { kind: "one", type: "Source", column: "publisherId" },
      translationOf: { kind: "one", type: "Article", column: "translationOfId" },
      authors: {
        kind: "list",
        type: "Source",
        link: { via: "linkTable", table: "ArticleAuthor", parent: "articleId", child: "sourceId" },
        orderBy: ["position"],
        orderFrom: "link",
      },
      translations: { kind: "list", type: "Article", link: { via: "childColumn", column: "translationOfId" }, orderBy: ["language", "id"] },
      claims: {
        kind: "connection",
        type: "Claim",
        link: { via: "linkTable", table: "Appearance", parent: "articleId", child: "claimId" },
        ...CLAIM_LIST,
      },
      appearances: {
        kind: "connection",
        type: "Appearance",
        link: { via: "childColumn", column: "articleId" },
        sorts: { [APPEARANCE_TEXT_ORDER.key]: APPEARANCE_TEXT_ORDER },
        defaultSort: APPEARANCE_TEXT_ORDER.key,
      },
    },
  },
  Claim: {
    table: "Claim",
    scalars: scalars("id", "text", "claimantDescription", "cue", "claimedAt", "claimedAtPrecision", "createdAt", "updatedAt"),
    dates: new Set(["claimedAt", "createdAt", "updatedAt"]),
    relations: {
      claimant: { kind: "one", type: "Source", column: "claimantId" },
      channel: { kind: "one", type: "Source", column: "channelId" },
      reportedBy: { kind: "one", type: "Source", column: "reportedById" },
      // Appearances known only by URL (no article) last, on both backends.
      appearances: {
        kind: "list",
        type: "Appearance",
        link: { via: "childColumn", column: "claimId" },
        orderBy: ["articleId", "start", "id"],
        nullsLast: ["articleId"],
      },
      reviews: { kind: "connection", type: "Review", link: { via: "childColumn", column: "claimId" }, ...REVIEW_LIST },
      articles: {
        kind: "connection",
        type: "Article",
        link: { via: "linkTable", table: "Appearance", parent: "claimId", child: "articleId" },
        ...ARTICLE_LIST,
      },
    },
  },
  Source: {
    table: "Source",
    scalars: scalars("id", "slug", "name", "kind", "role", "description", "url", "createdAt", "updatedAt"),
    dates: new Set(["createdAt", "updatedAt"]),
    loadedApart: new Set(["trackRecord"]),
    relations: {
      affiliation: { kind: "one", type: "Source", column: "affiliationId" },
      aliases: { kind: "aliases" },
      members: {
        kind: "connection",
        type: "Source",
        link: { via: "childColumn", column: "affiliationId" },
        ...SOURCE_LIST,
      },
      claims: {
        kind: "connection",
        type: "Claim",
        link: { via: "childColumn", column: "claimantId" },
        ...CLAIM_LIST,
      },
      channelClaims: {
        kind: "connection",
        type: "Claim",
        link: { via: "childColumn", column: "channelId" },
        ...CLAIM_LIST,
      },
      reportedClaims: {
        kind: "connection",
        type: "Claim",
        link: { via: "childColumn", column: "reportedById" },
        ...CLAIM_LIST,
      },
      articles: { kind: "connection", type: "Article", link: { via: "sourceArticles" }, ...ARTICLE_LIST },
      reviewsWritten: { kind: "connection", type: "Review", link: { via: "childColumn", column: "reviewerId" }, ...REVIEW_LIST },
    },
  },
  Appearance: {
    table: "Appearance",
    scalars: scalars("id", "quote", "start", "end", "url", "kind", "status", "createdAt"),
    dates: new Set(["createdAt"]),
    relations: {
      // Null for a URL_ONLY appearance: the planned row then holds null, as the resolver answers.
      article: { kind: "one", type: "Article", column: "articleId" },
      claim: { kind: "one", type: "Claim", column: "claimId" },
    },
  },
  Review: {
    table: "Review",
    scalars: scalars("id", "verdict", "verdictSetByEditor", "url", "headline", "datePublished", "language", "status", "version", "createdAt", "updatedAt"),
    dates: new Set(["datePublished", "createdAt", "updatedAt"]),
    computed: { rating: ["ratingValue", "bestRating", "worstRating", "alternateName", "ratingExplanation"] },
    // The ClaimReview JSON-LD document, built by its resolver from the review's claim, sources and articles.
    loadedApart: new Set(["claimReview"]),
    visible: reviewsVisible,
    relations: {
      claim: { kind: "one", type: "Claim", column: "claimId" },
      reviewer: { kind: "one", type: "Source", column: "reviewerId" },
      authors: {
        kind: "list",
        type: "Source",
        link: { via: "linkTable", table: "ReviewAuthor", parent: "reviewId", child: "sourceId" },
        orderBy: ["position"],
        orderFrom: "link",
      },
    },
  },
};

/** Root query fields the planner answers, and what each returns. */
export const ROOT_FIELDS = {
  articles: { kind: "connection", type: "Article", ...ARTICLE_LIST },
  claims: { kind: "connection", type: "Claim", ...CLAIM_LIST },
  sources: { kind: "connection", type: "Source", ...SOURCES_LIST },
  article: { kind: "byIdOrSlug", type: "Article" },
  claim: { kind: "byId", type: "Claim" },
  source: { kind: "byIdOrSlug", type: "Source" },
  reviews: { kind: "connection", type: "Review", ...REVIEW_LIST },
  review: { kind: "byId", type: "Review" },
  node: { kind: "node" },
  nodes: { kind: "nodes" },
} as const;

export type RootField = keyof typeof ROOT_FIELDS;
