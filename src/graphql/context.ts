import { randomUUID } from "node:crypto";

import type { Db } from "../db/client.ts";
import type { Viewer } from "../schema/auth.ts";
import type { ResponseBudget } from "./responseBudget.ts";
import { DEFAULT_FILTER_LIMITS, type FilterLimits } from "../db/filters/index.ts";
import { ApiKeyService } from "../apiKey/apiKey.service.ts";
import { ArticleService } from "../article/article.service.ts";
import { createArticleLoaders } from "../article/article.loader.ts";
import { AppearanceService } from "../appearance/appearance.service.ts";
import { createAppearanceLoaders } from "../appearance/appearance.loader.ts";
import { AuditService } from "../audit/audit.service.ts";
import { createAuditLoaders } from "../audit/audit.loader.ts";
import { ClaimService } from "../claim/claim.service.ts";
import { SearchService } from "../search/search.service.ts";
import type { SearchSettings } from "../search/search.settings.ts";
import { ExtractionService } from "../extraction/extraction.service.ts";
import { createClaimLoaders } from "../claim/claim.loader.ts";
import { Planner, type PlanObserver } from "../plan/planner.ts";
import { ReviewService } from "../review/review.service.ts";
import { ClaimReviewImportService } from "../review/review.importService.ts";
import { createReviewLoaders } from "../review/review.loader.ts";
import { SourceService } from "../source/source.service.ts";
import { createSourceLoaders } from "../source/source.loader.ts";

/** Built once per request: loaders cache per request only, so replicas share no state. */
export type Context = ReturnType<typeof createContext>;

/**
 * Limits of the request: the filter limits (configured; defaults elsewhere), and what only HTTP requests carry,
 * the response's byte budget and the caller's rate-limit bucket.
 */
export type RequestLimits = {
  filterLimits?: FilterLimits;
  responseBudget?: ResponseBudget;
  chargeRateLimit?: (points: number) => Promise<void>;
  /** How reads run: compiled to one statement per root field (the default), or through resolvers and loaders only. */
  readPath?: ReadPath;
  /** Sees each planned statement (the debug log). */
  observePlan?: PlanObserver;
  /** Search's rank window and count cap (configured; defaults elsewhere). */
  search?: SearchSettings;
};

export type ReadPath = "planner" | "resolvers";

export function createContext(db: Db, requestId: string = randomUUID(), viewer: Viewer = null, limits: RequestLimits = {}) {
  const { filterLimits = DEFAULT_FILTER_LIMITS, readPath = "planner" } = limits;
  const article = new ArticleService(db, filterLimits);
  const review = new ReviewService(db);
  const services = {
    article,
    source: new SourceService(db, filterLimits),
    claim: new ClaimService(db, filterLimits),
    appearance: new AppearanceService(db),
    apiKey: new ApiKeyService(db),
    audit: new AuditService(db, filterLimits),
    search: new SearchService(db, limits.search),
    review,
    claimReviewImport: new ClaimReviewImportService(db, review),
    extraction: new ExtractionService(db, article),
  };
  return {
    requestId,
    viewer,
    /** Counts the response's bytes while it is built (HTTP requests only). */
    responseBudget: limits.responseBudget,
    /** Takes more requests' worth from the caller's rate limit, for fields that cost more than a request (HTTP only). */
    chargeRateLimit: limits.chargeRateLimit ?? (async () => undefined),
    services,
    /** Compiles root query fields to one statement each (src/plan); absent on the resolvers-only read path. */
    planner: readPath === "planner" ? new Planner(db, filterLimits, viewer, limits.observePlan, limits.responseBudget) : undefined,
    /** Set when the planned statements' JSON answered the query without graphql-js execution (src/graphql/plannedResponse.ts). */
    answeredFromPlan: false,
    loaders: {
      article: createArticleLoaders(services.article),
      source: createSourceLoaders(services.source),
      claim: createClaimLoaders(services.claim),
      appearance: createAppearanceLoaders(services.appearance),
      audit: createAuditLoaders(services.audit),
      review: createReviewLoaders(services.review, viewer),
    },
  };
}
