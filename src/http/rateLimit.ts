import { GraphQLError } from "graphql";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

import type { Logger } from "../logger.ts";
import { ErrorCode } from "../shared/errors.ts";

// Requests per minute, per API key (requests with a valid key) or per client
// IP (anonymous requests, and requests with an unknown or invalid key). With
// REDIS_URL every replica shares the counters; without it each process counts
// on its own.

export type RateLimitConfig = { perKey: number; perIp: number; redisUrl: string | null; prefix: string };

/** Whose bucket a request draws from. Keys are counted by id, so the secret never reaches Redis or logs. */
export type RateSubject = { kind: "key"; keyId: string } | { kind: "ip"; ip: string };

export type RateLimiter = {
  /** Takes `points` from the subject's bucket; throws RateLimitedError when it is empty. Returns what is left. */
  consume(subject: RateSubject, points?: number): Promise<RateState>;
  /** Whether the subject's bucket is empty now, without taking from it. */
  isExhausted(subject: RateSubject): Promise<boolean>;
  /** Resolves once Redis answers (at most a few seconds); until then each process counts alone. */
  ready: Promise<void>;
  close: () => Promise<void>;
};

/** A bucket after a request drew from it: its size, what is left, and seconds until it is full again. */
export type RateState = { limit: number; remaining: number; reset: number };

/** The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers) for a bucket's state. */
export function rateLimitHeaders({ limit, remaining, reset }: RateState): [string, string][] {
  return [
    ["ratelimit-limit", String(limit)],
    ["ratelimit-remaining", String(remaining)],
    ["ratelimit-reset", String(reset)],
  ];
}

/** The bucket is empty: HTTP 429 with Retry-After, as a response or as a GraphQL error. */
export class RateLimitedError extends GraphQLError {
  constructor(
    readonly limit: number,
    readonly retryAfter: number,
    per: "API key" | "client IP",
  ) {
    super(`Rate limit of ${limit} requests per minute per ${per} exceeded; retry in ${retryAfter} s`, {
      extensions: {
        code: ErrorCode.RATE_LIMITED,
        limit,
        retryAfter,
        http: {
          status: 429,
          headers: new Map([["retry-after", String(retryAfter)], ...rateLimitHeaders({ limit, remaining: 0, reset: retryAfter })]),
        },
      },
    });
  }
}

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
  const bucket = (subject: RateSubject) => (subject.kind === "key" ? ([byKey, subject.keyId] as const) : ([byIp, subject.ip] as const));

  const ready = redis
    ? Promise.race([
        new Promise<void>((resolve) => (redis.status === "ready" ? resolve() : redis.once("ready", () => resolve()))),
        new Promise<void>((resolve) => setTimeout(resolve, REDIS_CONNECT_WAIT_MS).unref()),
      ])
    : Promise.resolve();

  return {
    ready,
    async consume(subject, points = 1) {
      const [limit, id] = bucket(subject);
      try {
        const result = await limit.consume(id, points);
        return { limit: limit.points, remaining: result.remainingPoints, reset: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new RateLimitedError(limit.points, seconds, subject.kind === "key" ? "API key" : "client IP");
      }
    },
    async isExhausted(subject) {
      const [limit, id] = bucket(subject);
      const state = await limit.get(id);
      return state !== null && state.remainingPoints <= 0;
    },
    async close() {
      redis?.disconnect();
    },
  };
}
