import { loadLimits, type QueryLimits } from "./http/limits.ts";
import type { CacheConfig } from "./http/caching.ts";
import { loadPersistedOperations, type PersistedOperations } from "./http/persisted.ts";
import { loadFilterLimits, type FilterLimits } from "./db/filters/index.ts";
import { DEFAULT_POOL_SIZE } from "./db/adapter.ts";
import { DEFAULT_DATABASE_URL } from "./db/databaseUrl.ts";
import { loadSearchSettings, type SearchSettings } from "./search/search.settings.ts";

/** Everything claimgraph reads from the environment, validated once at start-up. */
export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  /** Origins allowed to call the API from a browser; empty means same-origin only. */
  corsOrigins: string[];
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Load the seed articles at start-up (once per database). */
  seed: boolean;
  /** Require an API key (any role) for reads too. */
  readsRequireKey: boolean;
  /** PostgreSQL connections per process (and per replica). */
  poolSize: number;
  /** PostgreSQL's statement_timeout for the API's connections, in ms; 0 turns it off. */
  statementTimeoutMs: number;
  /** PostgreSQL: planned reads as named statements, prepared once per connection (off for poolers that cannot keep them). */
  namedStatements: boolean;
  /** Read replicas (PostgreSQL): reads go there, writes and the requests that write go to DATABASE_URL. */
  replicaUrls: string[];
  /** Query depth, aliases, directives, tokens, cost and response size. */
  limits: QueryLimits;
  /** Relation hops and AND/OR/NOT operands a filter may hold. */
  filterLimits: FilterLimits;
  /** Requests per minute per API key and per client IP; shared through Redis when redisUrl is set. */
  rateLimit: { perKey: number; perIp: number; redisUrl: string | null; prefix: string };
  /** Express's "trust proxy": which proxies' X-Forwarded-For to believe; false trusts none. */
  trustProxy: boolean | number | string;
  /** Cache-Control for anonymous GET reads, in seconds (see src/http/caching.ts). */
  cache: CacheConfig;
  /** PERSISTED_OPERATIONS: `off` runs any document (automatic persisted queries on); `only` runs just the manifest's operations, by id. */
  persisted: PersistedOperations;
  /** Search: how many of the newest matches are ranked when a query matches more (SEARCH_RANK_WINDOW), and how far totalCount counts exactly (SEARCH_COUNT_CAP). */
  search: SearchSettings;
  /** How reads run: "planner" compiles each root query field to one SQL statement; "resolvers" uses only resolvers and loaders. */
  readPath: "planner" | "resolvers";
  logLevel: string;
  production: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  const bodyLimitBytes = Number(env.BODY_LIMIT_BYTES ?? 1_000_000);
  if (!Number.isInteger(bodyLimitBytes) || bodyLimitBytes < 1_000)
    throw new Error(`BODY_LIMIT_BYTES must be an integer of at least 1000, got "${env.BODY_LIMIT_BYTES}"`);
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? DEFAULT_POOL_SIZE);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
    throw new Error(`DATABASE_POOL_SIZE must be an integer from 1 to 1000, got "${env.DATABASE_POOL_SIZE}"`);
  }
  const positive = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${env[name]}"`);
    return value;
  };
  const seconds = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0 || value > 31_536_000) throw new Error(`${name} must be whole seconds from 0 to 31536000, got "${env[name]}"`);
    return value;
  };
  const flag = (name: string, fallback: boolean) => {
    const value = (env[name] ?? String(fallback)).toLowerCase();
    if (value !== "true" && value !== "false") throw new Error(`${name} must be true or false, got "${env[name]}"`);
    return value === "true";
  };
  const statementTimeoutMs = Number(env.STATEMENT_TIMEOUT_MS ?? 5_000);
  if (!Number.isInteger(statementTimeoutMs) || statementTimeoutMs < 0) {
    throw new Error(`STATEMENT_TIMEOUT_MS must be a non-negative integer (0 turns it off), got "${env.STATEMENT_TIMEOUT_MS}"`);
  }
  const readPath = env.READ_PATH || "planner";
  if (readPath !== "planner" && readPath !== "resolvers") throw new Error(`READ_PATH must be planner or resolvers, got "${env.READ_PATH}"`);
  return {
    port,
    readPath,
    statementTimeoutMs,
    host: env.HOST || "0.0.0.0",
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    corsOrigins: (env.CORS_ORIGINS ?? "")
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean),
    bodyLimitBytes,
    seed: flag("SEED", true),
    readsRequireKey: flag("READS_REQUIRE_KEY", false),
    poolSize,
    namedStatements: flag("DATABASE_NAMED_STATEMENTS", true),
    limits: loadLimits(env),
    filterLimits: loadFilterLimits(env),
    rateLimit: {
      perKey: positive("RATE_LIMIT_PER_KEY", 1_200),
      perIp: positive("RATE_LIMIT_PER_IP", 300),
      redisUrl: env.REDIS_URL || null,
      prefix: env.RATE_LIMIT_PREFIX || "claimgraph:rl",
    },
    trustProxy: trustProxy(env.TRUST_PROXY),
    cache: {
      maxAge: seconds("CACHE_MAX_AGE", 0),
      sMaxAge: seconds("CACHE_S_MAXAGE", 60),
      staleWhileRevalidate: seconds("CACHE_STALE_WHILE_REVALIDATE", 30),
    },
    persisted: loadPersistedOperations(env),
    search: loadSearchSettings(env),
    replicaUrls: (env.DATABASE_REPLICA_URLS ?? "")
      .split(",")
      .map((u) => u.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL || "info",
    production: env.NODE_ENV === "production",
  };
}

/** TRUST_PROXY: unset or "false" trusts no proxy; "true", a hop count, or addresses/subnets as Express takes them. */
function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === "" || raw === "false") return false;
  if (raw === "true") return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}
