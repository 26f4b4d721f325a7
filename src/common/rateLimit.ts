import { createHash } from "node:crypto";

import type { NextFunction, Request, Response } from "express";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

import type { Logger } from "../logger.ts";
import { ErrorCode } from "./errors.ts";

// Requests per minute, per API key (requests with a bearer token) or per client
// IP (anonymous requests). With REDIS_URL every replica shares the counters;
// without it each process counts on its own.

export type RateLimitConfig = { perKey: number; perIp: number; redisUrl: string | null; prefix: string };

export type RateLimiter = {
  middleware: (req: Request, res: Response, next: NextFunction) => void;
  /** Resolves once Redis answers (at most a few seconds); until then each process counts alone. */
  ready: Promise<void>;
  close: () => Promise<void>;
};

const REDIS_CONNECT_WAIT_MS = 3_000;

export function createRateLimiter(config: RateLimitConfig, logger: Logger): RateLimiter {
  const redis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false }) : null;
  redis?.on("error", (error) => logger.warn({ err: error }, "rate limiter: Redis unavailable"));
  const limiter = (points: number, kind: string): RateLimiterAbstract => {
    const options = { points, duration: 60, keyPrefix: `${config.prefix}:${kind}` };
    // If Redis is down, limit per process rather than not at all or not serving.
    return redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options);
  };
  const byKey = limiter(config.perKey, "key");
  const byIp = limiter(config.perIp, "ip");

  const ready = redis
    ? Promise.race([
        new Promise<void>((resolve) => (redis.status === "ready" ? resolve() : redis.once("ready", () => resolve()))),
        new Promise<void>((resolve) => setTimeout(resolve, REDIS_CONNECT_WAIT_MS).unref()),
      ])
    : Promise.resolve();

  return {
    ready,
    middleware(req, res, next) {
      const token = /^Bearer\s+(\S+)/i.exec(req.get("authorization") ?? "")?.[1];
      // Counted per key by its hash: the key itself never reaches Redis or logs.
      const [limit, subject] = token ? [byKey, createHash("sha256").update(token).digest("hex").slice(0, 32)] : [byIp, req.ip ?? "unknown"];
      limit
        .consume(subject)
        .then((result) => {
          res.setHeader("RateLimit-Limit", String(limit.points));
          res.setHeader("RateLimit-Remaining", String(result.remainingPoints));
          next();
        })
        .catch((rejection: unknown) => {
          if (!(rejection instanceof RateLimiterRes)) return next(rejection);
          const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          res.setHeader("Retry-After", String(seconds));
          res.status(429).json({
            errors: [
              {
                message: `Rate limit of ${limit.points} requests per minute per ${token ? "API key" : "client IP"} exceeded; retry in ${seconds} s`,
                extensions: { code: ErrorCode.RATE_LIMITED, limit: limit.points, retryAfter: seconds, requestId: res.locals.requestId },
              },
            ],
          });
        });
    },
    async close() {
      redis?.disconnect();
    },
  };
}
