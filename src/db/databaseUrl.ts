import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** The embedded default: a SQLite file under the git-ignored data/ folder. */
export const DEFAULT_DATABASE_URL = "file:./data/claimgraph.db";

export type Provider = "sqlite" | "postgresql";
export type DatabaseTarget = { provider: "sqlite"; url: string; filePath: string } | { provider: "postgresql"; url: string };

/**
 * Parses DATABASE_URL: `file:` selects SQLite, `postgresql://` (or
 * `postgres://`) selects PostgreSQL. Relative SQLite paths resolve against
 * the working directory, and the file's folder is created.
 */
export function parseDatabaseUrl(raw: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): DatabaseTarget {
  if (raw.startsWith("file:")) {
    const path = raw.slice("file:".length).split("?")[0];
    if (!path) throw new Error(`DATABASE_URL "${raw}" names no file`);
    if (path === ":memory:") return { provider: "sqlite", url: "file::memory:", filePath: ":memory:" };
    const filePath = resolve(path);
    mkdirSync(dirname(filePath), { recursive: true });
    return { provider: "sqlite", url: `file:${filePath}`, filePath };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      throw new Error("DATABASE_URL is not a valid postgresql:// URL");
    }
    return { provider: "postgresql", url: raw };
  }
  throw new Error(`DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL, got "${raw.split(":")[0]}:…"`);
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  if (url.startsWith("file:")) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
