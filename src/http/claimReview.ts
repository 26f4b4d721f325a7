import { Router, type Request, type RequestHandler, type Response } from "express";
import { GraphQLError } from "graphql";

import type { Db } from "../db/client.ts";
import { isDatabaseBusy, isStatementTimeout } from "../db/errors.ts";
import { ReviewStatus } from "../generated/prisma/enums.ts";
import type { Logger } from "../logger.ts";
import { claimReviewDocument, claimReviewFeedDocument, claimReviewFeedPage, loadClaimReviews, parseFeedArgs } from "../review/review.claimReview.ts";
import { ErrorCode, NotFoundError } from "../shared/errors.ts";
import { fromGlobalId } from "../shared/globalId.ts";
import { readRefusal, type Admission } from "./admission.ts";

// ClaimReview JSON-LD over plain HTTP (issue 15):
//   GET /claimreview/<review id>.jsonld                       one review, by its global id
//   GET /claimreview.jsonld?since=<ISO time>&first=&after=    the feed, a schema.org DataFeed
// Drafts and unknown ids are 404; retracted reviews are served, marked
// `creativeWorkStatus: "Retracted"` (and `dateDeleted` in the feed). The
// routes go through the same CORS policy, admission (API key, rate limit) and
// READS_REQUIRE_KEY check as /graphql reads. The documents are built in
// src/review/review.claimReview.ts.

export const JSON_LD = "application/ld+json";

export type ClaimReviewRoutes = {
  db: Db;
  logger: Logger;
  readsRequireKey: boolean;
  /** The CORS policy of /graphql, the same instance. */
  cors: RequestHandler;
  /** Admission (API key, rate limit), the same instance as /graphql's, so both draw from one bucket. */
  admission: RequestHandler;
};

/** HTTP status of each error code these routes answer with. */
const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.NOT_FOUND]: 404,
};

/** An error as /graphql reports it, `{ errors: [{ message, extensions: { code, … } }] }`, with the request id. */
function sendError(res: Response, status: number, message: string, extensions: Record<string, unknown>) {
  res.status(status).json({ errors: [{ message, extensions: { ...extensions, requestId: res.locals.requestId } }] });
}

function answerError(res: Response, logger: Logger, error: unknown) {
  if (error instanceof GraphQLError && typeof error.extensions.code === "string" && STATUS[error.extensions.code]) {
    const { http: _http, ...extensions } = error.extensions;
    return sendError(res, STATUS[error.extensions.code]!, error.message, extensions);
  }
  if (isDatabaseBusy(error) || isStatementTimeout(error)) {
    logger.warn({ requestId: res.locals.requestId, reason: isStatementTimeout(error) ? "statement timeout" : "database busy" }, "database limit reached");
    res.setHeader("Retry-After", "1");
    return sendError(res, 503, "The database is busy; retry shortly", { code: ErrorCode.DATABASE_BUSY, retryAfter: 1 });
  }
  logger.error({ err: error, requestId: res.locals.requestId }, "internal error in ClaimReview route");
  return sendError(res, 500, "Internal server error", { code: ErrorCode.INTERNAL_SERVER_ERROR });
}

/** A route handler that may read: refused as /graphql would refuse the caller, errors answered as JSON. */
function reading(deps: ClaimReviewRoutes, handle: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req, res) => {
    const refusal = readRefusal(res.locals.admission as Admission, deps.readsRequireKey);
    if (refusal) return answerError(res, deps.logger, refusal);
    handle(req, res).catch((error: unknown) => answerError(res, deps.logger, error));
  };
}

/** A query parameter given once, as text; anything else (repeated, nested) is malformed. */
function single(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (value === undefined || typeof value === "string") return value;
  throw new GraphQLError(`"${name}" must be given once`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field: name } });
}

function sendJsonLd(res: Response, document: unknown) {
  res.type(JSON_LD).send(JSON.stringify(document));
}

export function claimReviewRouter(deps: ClaimReviewRoutes): Router {
  const router = Router();
  const { db } = deps;
  // A browser sends a preflight before a GET with an Authorization header; the CORS policy answers it.
  router.options(["/claimreview/:id.jsonld", "/claimreview.jsonld"], deps.cors);

  router.get(
    "/claimreview/:id.jsonld",
    deps.cors,
    deps.admission,
    reading(deps, async (req, res) => {
      const globalId = String(req.params.id);
      const notFound = new NotFoundError(`No published review with id "${globalId}"`, "id");
      let id: string;
      try {
        const decoded = fromGlobalId(globalId, "id");
        if (decoded.type !== "Review") throw notFound;
        id = decoded.id;
      } catch {
        // A malformed id names no review: for a resource path that is a 404, not a 400.
        throw notFound;
      }
      const [row] = await loadClaimReviews(db, [id]);
      if (!row || row.status === ReviewStatus.DRAFT) throw notFound;
      sendJsonLd(res, claimReviewDocument(row));
    }),
  );

  router.get(
    "/claimreview.jsonld",
    deps.cors,
    deps.admission,
    reading(deps, async (req, res) => {
      const query = parseFeedArgs({ since: single(req, "since"), after: single(req, "after"), first: single(req, "first") });
      const page = await claimReviewFeedPage(db, query);
      let next: string | null = null;
      if (page.next) {
        const params = new URLSearchParams();
        if (query.since) params.set("since", query.since.toISOString());
        if (req.query.first !== undefined) params.set("first", String(query.first));
        params.set("after", page.next);
        // Absolute, as a JSON-LD IRI must be; the host and scheme as the client sent them (X-Forwarded-* behind a trusted proxy).
        next = `${req.protocol}://${req.host}/claimreview.jsonld?${params}`;
        res.setHeader("Link", `<${next}>; rel="next"`);
      }
      sendJsonLd(res, claimReviewFeedDocument(page, next));
    }),
  );

  return router;
}
