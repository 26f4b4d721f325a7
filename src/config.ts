import { DEFAULT_DATABASE_URL } from "./db/databaseUrl.ts";

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
  logLevel: string;
  production: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  const bodyLimitBytes = Number(env.BODY_LIMIT_BYTES ?? 1_000_000);
  if (!Number.isInteger(bodyLimitBytes) || bodyLimitBytes < 1_000) throw new Error(`BODY_LIMIT_BYTES must be an integer of at least 1000, got "${env.BODY_LIMIT_BYTES}"`);
  const seed = (env.SEED ?? "true").toLowerCase();
  if (seed !== "true" && seed !== "false") throw new Error(`SEED must be true or false, got "${env.SEED}"`);
  return {
    port,
    host: env.HOST || "0.0.0.0",
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    corsOrigins: (env.CORS_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean),
    bodyLimitBytes,
    seed: seed === "true",
    logLevel: env.LOG_LEVEL || "info",
    production: env.NODE_ENV === "production",
  };
}
