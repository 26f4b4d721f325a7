import http from "node:http";
import type { AddressInfo } from "node:net";

import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDisableSuggestions } from "@apollo/server/plugin/disableSuggestions";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import compression from "compression";
import cors from "cors";
import express from "express";
import { getOperationAST, parse, type GraphQLSchema } from "graphql";

import type { Config } from "../config.ts";
import { createContext, type Context } from "../graphql/context.ts";
import type { Db } from "../db/client.ts";
import { ApiKeyService } from "../apiKey/apiKey.service.ts";
import { createAdmission, readRefusal, type Admission } from "./admission.ts";
import { bodyErrors } from "./bodyErrors.ts";
import { cacheControlPlugin, httpSemantics, jsonPostsOnly } from "./caching.ts";
import { claimReviewRouter } from "./claimReview.ts";
import { createFormatError, errorMaskingPlugin } from "./errorMasking.ts";
import { explorer } from "./explorer.ts";
import { reader } from "./reader.ts";
import { health } from "./health.ts";
import { persistedOperations } from "./persisted.ts";
import { armor, costPlugin } from "./limits.ts";
import { createRateLimiter } from "./rateLimit.ts";
import { requestId } from "./requestId.ts";
import { requestLogPlugin } from "./requestLog.ts";
import { refuseSubscriptionsPlugin } from "./subscriptions.ts";
import { holdExtractionPool } from "../extraction/extraction.pool.ts";
import { trackConnections } from "./drain.ts";
import { ResponseBudget, responseBudgetPlugin } from "../graphql/responseBudget.ts";
import { plannedResponsePlugin } from "../graphql/plannedResponse.ts";
import type { Logger } from "../logger.ts";

/**
 * Whether a POST runs a mutation: those read their own writes, so with read
 * replicas they use the primary throughout. Anything unparsable goes to the
 * primary too; Apollo reports the error. So does a POST without text (an
 * automatic persisted query's hash, which may name a mutation). A GET never
 * writes: Apollo runs only queries over GET.
 */
function writes(body: unknown, maxTokens: number): boolean {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== "string") return true;
  try {
    // The same token limit as Apollo's parse: this runs first, so it must not be the weak spot.
    const operation = getOperationAST(parse(query, { maxTokens }), typeof operationName === "string" ? operationName : undefined);
    return operation?.operation !== "query";
  } catch {
    return true;
  }
}

export type ServerDeps = { config: Config; db: Db; schema: GraphQLSchema; logger: Logger };

/** Builds the HTTP server (no listen: tests and the process entry both call `listen`). */
export async function createServer({ config, db, schema, logger }: ServerDeps) {
  const app = express();
  const httpServer = http.createServer(app);
  app.disable("x-powered-by");
  // A hash of the body, so a matching If-None-Match gets 304 (Express answers it); strong, since the bytes are the same.
  app.set("etag", "strong");
  // Client IPs come from X-Forwarded-For only behind proxies the operator trusts.
  app.set("trust proxy", config.trustProxy);
  const rateLimiter = createRateLimiter(config.rateLimit, logger);
  // LOG_LEVEL=debug shows the statement each planned root field compiles to.
  const observePlan = logger.isLevelEnabled("debug")
    ? (event: { field: string; sql: string; values: unknown[] }) => logger.debug(event, "planned statement")
    : undefined;
  await rateLimiter.ready;
  let draining = false;
  const connections = trackConnections(httpServer);
  const releaseExtractionPool = holdExtractionPool();

  const protection = armor(config.limits);
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    // One operation per request: batching would multiply every limit.
    allowBatchedHttpRequests: false,
    // jsonPostsOnly does the part of it that matters here; Apollo's version also refuses plain GETs (urql's default).
    csrfPrevention: false,
    // PERSISTED_OPERATIONS=only: operations come from the manifest alone (persistedOperations), so nothing is registered.
    ...(config.persisted.mode === "only" ? { persistedQueries: false as const } : {}),
    parseOptions: { maxTokens: config.limits.tokens },
    validationRules: protection.validationRules,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError({ statementTimeoutMs: db.provider === "postgresql" ? config.statementTimeoutMs : undefined }),
    plugins: [
      ...(protection.plugins as ApolloServerPlugin<Context>[]),
      refuseSubscriptionsPlugin() as ApolloServerPlugin<Context>,
      costPlugin(schema, config.limits) as ApolloServerPlugin<Context>,
      responseBudgetPlugin() as ApolloServerPlugin<Context>,
      cacheControlPlugin(config.cache) as ApolloServerPlugin<Context>,
      plannedResponsePlugin(),
      errorMaskingPlugin(logger),
      requestLogPlugin(logger),
      // Apollo's default landing page loads from a CDN, which fails offline.
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; Apollo's default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...(config.production ? [ApolloServerPluginDisableSuggestions()] : []),
    ],
  });

  // Keys are checked on the primary: a revocation must take effect at once, not after replication.
  const admission = createAdmission(new ApiKeyService(db.primary()), rateLimiter);

  /**
   * Runs before Apollo parses or validates anything. A bad key is refused even
   * on public reads (the caller meant to authenticate), and with
   * READS_REQUIRE_KEY an anonymous caller learns nothing, not even which
   * fields exist.
   */
  function contextFor(req: express.Request, res: express.Response): Context {
    const admitted = res.locals.admission as Admission;
    const refusal = readRefusal(admitted, config.readsRequireKey);
    if (refusal) throw refusal;
    const { viewer, rateSubject } = admitted;
    const db_ = config.replicaUrls.length > 0 && req.method === "POST" && writes(req.body, config.limits.tokens) ? db.primary() : db;
    return createContext(db_, res.locals.requestId, viewer, {
      filterLimits: config.filterLimits,
      responseBudget: new ResponseBudget(config.limits.responseBytes),
      chargeRateLimit: (points) => rateLimiter.consume(rateSubject, points).then(() => undefined),
      readPath: config.readPath,
      observePlan,
      search: config.search,
    });
  }
  await apollo.start();

  // While draining, tell clients not to reuse the connection: it is about to close.
  app.use((_req, res, next) => {
    if (draining) res.setHeader("Connection", "close");
    next();
  });

  app.use(requestId);
  // gzip or brotli, as the client accepts, above 1 kB. A client that accepts no encoding (a proxy or a service
  // next door) skips the middleware, whose wrapping of every response costs even when it compresses nothing.
  const compress = compression();
  app.use((req, res, next) => {
    if (req.headers["accept-encoding"]) {
      compress(req, res, next);
      return;
    }
    // What compression would say: a cache keeps this identity answer apart from encoded ones.
    res.vary("Accept-Encoding");
    next();
  });
  app.use(health(db, logger, () => draining));

  // The reader (web/dist) at / and its routes, its files under /assets/; GraphiQL for a browser's GET /graphql.
  app.use(reader({ logger }));
  app.use(explorer());

  const corsPolicy = cors<cors.CorsRequest>({
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    // Scripts on allowed origins may read these (revalidation, support requests, pacing).
    exposedHeaders: ["ETag", "X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"],
    maxAge: 600,
  });
  app.use(
    "/graphql",
    corsPolicy,
    httpSemantics,
    jsonPostsOnly,
    admission,
    express.json({ limit: config.bodyLimitBytes }),
    persistedOperations(config.persisted),
    expressMiddleware(apollo, { context: async ({ req, res }) => contextFor(req, res) }),
  );

  // ClaimReview JSON-LD: GET /claimreview/<id>.jsonld and the feed GET /claimreview.jsonld, read like /graphql.
  app.use(claimReviewRouter({ db, logger, readsRequireKey: config.readsRequireKey, cors: corsPolicy, admission }));

  app.use(bodyErrors(config.bodyLimitBytes, logger));

  return {
    app,
    httpServer,
    /** Listens and resolves with the bound port (pass 0 for any free port). */
    listen(port = config.port, host = config.host): Promise<number> {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      });
    },
    /** Stops accepting requests and lets in-flight ones finish. */
    async stop() {
      draining = true;
      // Extractions in flight end at once (their requests get EXTRACTION_BUSY), so draining does not wait for them.
      await Promise.all([releaseExtractionPool(), connections.drain()]);
      await apollo.stop();
      await rateLimiter.close();
    },
  };
}
