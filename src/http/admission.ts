import type { NextFunction, Request, Response } from "express";
import type { GraphQLError } from "graphql";

import { hashKey, type ApiKeyService } from "../apiKey/apiKey.service.ts";
import { bearerToken, type Viewer } from "../schema/auth.ts";
import { UnauthenticatedError } from "../shared/errors.ts";
import { RateLimitedError, rateLimitHeaders, type RateLimiter, type RateState, type RateSubject } from "./rateLimit.ts";

// Admission, before any GraphQL work: who is calling, and whether they may
// call now. A valid key draws from its own bucket. Everything else draws from
// the client IP's: anonymous requests, and tokens that are malformed, unknown
// or revoked, so that inventing tokens buys no extra requests. Tokens found
// invalid are remembered for a minute, and a token not seen valid within the
// hour, sent from an IP that has used its requests, is refused before the
// database is asked.

/** What admission leaves in `res.locals` for the GraphQL context. */
export type Admission = { viewer: Viewer; authError: GraphQLError | null; rateSubject: RateSubject; rate: RateState };

/**
 * Why an admitted request may not read, or null when it may: a bad key is
 * refused even on public reads (the caller meant to authenticate), and with
 * READS_REQUIRE_KEY an anonymous caller is refused. /graphql and the
 * ClaimReview routes both ask this.
 */
export function readRefusal(admitted: Admission, readsRequireKey: boolean): GraphQLError | null {
  if (admitted.authError) return admitted.authError;
  if (readsRequireKey && !admitted.viewer) return new UnauthenticatedError();
  return null;
}

/** A set whose members expire, bounded in size (the oldest go first). */
export class ExpiringSet {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxSize: number,
  ) {}

  add(member: string): void {
    this.until.delete(member);
    this.until.set(member, Date.now() + this.ttlMs);
    if (this.until.size > this.maxSize) this.until.delete(this.until.keys().next().value!);
  }

  has(member: string): boolean {
    const expiry = this.until.get(member);
    if (expiry === undefined) return false;
    if (expiry > Date.now()) return true;
    this.until.delete(member);
    return false;
  }
}

const INVALID_TOKEN_TTL_MS = 60_000;
const VALID_TOKEN_TTL_MS = 3_600_000;
const REMEMBERED_TOKENS = 10_000;

export function createAdmission(apiKeys: ApiKeyService, rateLimiter: RateLimiter) {
  const invalid = new ExpiringSet(INVALID_TOKEN_TTL_MS, REMEMBERED_TOKENS);
  // Only orders the checks below; every request with a key is still authenticated against the database.
  const recentlyValid = new ExpiringSet(VALID_TOKEN_TTL_MS, REMEMBERED_TOKENS);

  async function admit(req: Request): Promise<Admission> {
    const ip: RateSubject = { kind: "ip", ip: req.ip ?? "unknown" };
    let token: string | undefined;
    const asIp = async (authError: GraphQLError | null): Promise<Admission> => ({
      viewer: null,
      authError,
      rateSubject: ip,
      rate: await rateLimiter.consume(ip),
    });
    try {
      token = bearerToken(req.get("authorization"));
    } catch (error) {
      return asIp(error as GraphQLError);
    }
    if (token === undefined) return asIp(null);
    const hash = hashKey(token);
    const invalidKey = () => new UnauthenticatedError("The API key is not valid, or was revoked");
    if (invalid.has(hash)) return asIp(invalidKey());
    // An IP whose bucket is empty gets its 429 here, before an unknown token costs a database lookup.
    if (!recentlyValid.has(hash) && (await rateLimiter.isExhausted(ip))) await rateLimiter.consume(ip);
    const key = await apiKeys.authenticate(token);
    if (!key) {
      invalid.add(hash);
      return asIp(invalidKey());
    }
    recentlyValid.add(hash);
    const subject: RateSubject = { kind: "key", keyId: key.id };
    const viewer = { keyId: key.id, name: key.name, role: key.role };
    return { viewer, authError: null, rateSubject: subject, rate: await rateLimiter.consume(subject) };
  }

  /** Express middleware: admits the request, or answers 429. */
  return function admission(req: Request, res: Response, next: NextFunction): void {
    admit(req)
      .then((admitted) => {
        res.locals.admission = admitted;
        for (const [name, value] of rateLimitHeaders(admitted.rate)) res.setHeader(name, value);
        next();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RateLimitedError)) return next(error);
        res.setHeader("Retry-After", String(error.retryAfter));
        for (const [name, value] of rateLimitHeaders({ limit: error.limit, remaining: 0, reset: error.retryAfter })) res.setHeader(name, value);
        res.status(429).json({
          errors: [
            {
              message: error.message,
              extensions: { code: error.extensions.code, limit: error.limit, retryAfter: error.retryAfter, requestId: res.locals.requestId },
            },
          ],
        });
      });
  };
}
