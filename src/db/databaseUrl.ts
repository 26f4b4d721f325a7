import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** The embedded default: a SQLite file under the git-ignored data/ folder. */
export const DEFAULT_DATABASE_URL = "file:./data/claimgraph.db";

export type DatabaseTarget = { provider: "sqlite"; url: string; filePath: string };

/**
 * Parses DATABASE_URL. Relative SQLite paths resolve against the working
 * directory, and the file's folder is created so a fresh clone just works.
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
    throw new Error("DATABASE_URL: PostgreSQL is not supported yet; use a file: URL for SQLite");
  }
  throw new Error(`DATABASE_URL "${raw}" is neither a file: URL (SQLite) nor a postgresql:// URL`);
}
