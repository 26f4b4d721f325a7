import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";

import { ErrorCode } from "../shared/errors.ts";

// HTTP caching for /graphql. Anonymous GET reads are the same for everyone, so
// shared caches (CDNs) may keep them for CACHE_S_MAXAGE and browsers for
// CACHE_MAX_AGE; anything with a key, any write and any error is never stored.
// Express gives each answer a strong ETag and answers a matching If-None-Match
// with 304.

export type CacheConfig = {
  /** Seconds a browser may reuse an anonymous GET read without asking again. */
  maxAge: number;
  /** Seconds a shared cache (CDN, proxy) may keep it. */
  sMaxAge: number;
  /** Seconds a cache may serve it stale while it fetches a fresh copy. */
  staleWhileRevalidate: number;
};

/** Headers that change what /graphql answers, so caches keep one copy per value. */
const VARIES_ON = ["Accept", "Authorization"];

/** Sets Cache-Control on every GraphQL response (see above). */
export function cacheControlPlugin(config: CacheConfig): ApolloServerPlugin<{ viewer: unknown }> {
  const shared = `public, max-age=${config.maxAge}, s-maxage=${config.sMaxAge}, stale-while-revalidate=${config.staleWhileRevalidate}`;
  return {
    async requestDidStart({ request }) {
      const method = request.http?.method;
      return {
        async willSendResponse({ response, contextValue, operation }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          const cacheable =
            method === "GET" &&
            operation?.operation === "query" &&
            !contextValue?.viewer &&
            !errors?.length &&
            (response.http.status ?? 200) === 200 &&
            response.body.kind === "single";
          response.http.headers.set("cache-control", cacheable ? shared : method === "GET" ? "private, no-store" : "no-store");
        },
      };
    },
  };
}

/**
 * Before Apollo on /graphql: HEAD is answered as GET without the body (Node drops it), and responses
 * say which request headers they vary on.
 */
export function httpSemantics(req: Request, res: Response, next: NextFunction): void {
  for (const header of VARIES_ON) res.vary(header);
  if (req.method === "HEAD") req.method = "GET";
  next();
}

/**
 * POSTs must be JSON. A page on another site can make a browser send a form or text/plain POST
 * without asking (no CORS preflight), never a JSON one. GETs need no such check: Apollo runs no
 * mutation over GET, and claimgraph reads no cookies, so a cross-site GET learns nothing and
 * changes nothing. (This replaces Apollo's csrfPrevention, which also refuses plain GETs such as
 * urql's.)
 */
export function jsonPostsOnly(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== "POST" || req.is("application/json")) {
    next();
    return;
  }
  res.status(415).json({
    errors: [
      {
        message: "POST /graphql takes a JSON body with Content-Type: application/json",
        extensions: { code: ErrorCode.BAD_REQUEST, requestId: res.locals.requestId },
      },
    ],
  });
}
