import { createHash } from "node:crypto";

import type { Prisma } from "../generated/prisma/client.ts";
import type { DatabaseTarget } from "./databaseUrl.ts";

// The planner's statements return one text value, the response's JSON. Run
// through Prisma's client, each one paid for argument typing, the query
// engine's round trip and, on SQLite, a fresh prepare (the adapter caches
// none); on the driver, with prepared statements kept, they cost what the SQL
// costs. Only these read statements come here: Prisma keeps every write.

/** Sees each statement sent, with its parameters (tests count statements and explain them). */
export type StatementListener = (sql: string, params: readonly unknown[]) => void;

/** Read statements whose result is one text value: the first column of the first row, or null when there is none. */
export type DriverReader = {
  readText(sql: Prisma.Sql): Promise<string | null>;
  onStatement(listener: StatementListener): void;
  close(): Promise<void>;
};

/** Prepared statements kept per SQLite connection: the shapes of the queries clients send, which repeat. */
const SQLITE_STATEMENT_CACHE = 500;

/**
 * Named statements a PostgreSQL connection prepares before it is closed and replaced: each holds its parsed query
 * and plan in the server process, and pg can forget none of them, so the bound is per connection.
 */
const POSTGRES_STATEMENTS_PER_CONNECTION = 200;

type Options = { poolSize: number; statementTimeoutMs: number; busyTimeoutMs: number; namedStatements?: boolean };

/**
 * A reader for `target`, connected on first use (commands that never plan a
 * read open nothing). SQLite: its own connection, read-only by pragma; in WAL
 * mode it reads the last commit, as the Prisma connection would. PostgreSQL:
 * its own pool with the same statement timeout. An in-memory SQLite database
 * is private to its connection, so it has none (undefined): Prisma reads it.
 */
export function createDriverReader(target: DatabaseTarget, options: Options): DriverReader | undefined {
  if (target.provider === "sqlite" && target.filePath === ":memory:") return undefined;
  const listeners: StatementListener[] = [];
  const notify = (sql: string, params: readonly unknown[]) => {
    for (const listener of listeners) listener(sql, params);
  };
  let open: Promise<(sql: Prisma.Sql) => Promise<string | null>> | undefined;
  let closeDriver: (() => Promise<void>) | undefined;
  const connect = async (): Promise<(sql: Prisma.Sql) => Promise<string | null>> => {
    if (target.provider === "sqlite") {
      const { default: Database } = await import("better-sqlite3");
      const db = new Database(target.filePath, { fileMustExist: true, timeout: options.busyTimeoutMs });
      db.pragma("query_only = ON");
      const statements = new Map<string, ReturnType<typeof db.prepare>>();
      closeDriver = async () => void db.close();
      return async (sql) => {
        let statement = statements.get(sql.sql);
        if (statement) {
          // Most recently used last, so the first key is the one to drop.
          statements.delete(sql.sql);
        } else {
          statement = db.prepare(sql.sql).pluck();
          if (statements.size >= SQLITE_STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
        }
        statements.set(sql.sql, statement);
        notify(sql.sql, sql.values);
        const value = statement.get(sql.values.map(sqliteValue));
        return value == null ? null : String(value);
      };
    }
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize,
      connectionTimeoutMillis: 10_000,
      statement_timeout: options.statementTimeoutMs,
      // An idle pool never keeps a process (a command, a test) alive.
      allowExitOnIdle: true,
    });
    // An idle connection the server closed (a restart, a dropped database) is replaced on next use; without a
    // listener its error would end the process.
    pool.on("error", () => undefined);
    closeDriver = () => pool.end();
    // Named, so each connection parses a statement once (PostgreSQL may also settle on a generic plan for it).
    const names = new StatementNames();
    const prepared = new WeakMap<object, Set<string>>();
    return async (sql) => {
      notify(sql.text, sql.values);
      // Unnamed: parsed and planned on every run, as a pooler in transaction mode without prepared statements needs.
      const name = options.namedStatements === false ? undefined : names.of(sql.text);
      const client = await pool.connect();
      const known = prepared.get(client) ?? new Set<string>();
      prepared.set(client, known);
      if (name) known.add(name);
      // A checked-out client has no listener of the pool's: without this one, a connection lost mid-statement (a
      // failover, a pooler's restart) would be an uncaught error that ends the process. The statement fails too.
      let released = false;
      const release = (destroy: Error | boolean) => {
        if (released) return;
        released = true;
        client.removeListener("error", release);
        client.release(destroy);
      };
      client.on("error", release);
      let result: { rows: unknown[][] };
      try {
        result = await client.query<unknown[]>({ name, text: sql.text, values: sql.values.map(postgresValue), rowMode: "array" });
      } catch (error) {
        // As pool.query does: a connection that failed a statement is closed rather than reused.
        release(error instanceof Error ? error : true);
        throw error;
      }
      // A connection that has prepared its share is closed; its replacement starts with none.
      release(known.size >= POSTGRES_STATEMENTS_PER_CONNECTION);
      const value = result.rows[0]?.[0];
      return value == null ? null : String(value);
    };
  };
  return {
    async readText(sql) {
      open ??= connect();
      try {
        return await (await open)(sql);
      } catch (error) {
        throw new DriverError(error);
      }
    },
    onStatement(listener) {
      listeners.push(listener);
    },
    async close() {
      const opened = open;
      if (!opened) return;
      // Cleared at once: a second close (a Db and its primary() share readers) finds nothing to close.
      open = undefined;
      await opened.catch(() => undefined);
      await closeDriver?.();
    },
  };
}

/**
 * Statement names from statement texts: a digest, so the same text has the same name on every connection. A text
 * is named from the second time it is run, so query shapes sent once (generated ones, say) go unnamed and take no
 * place among the statements a connection keeps.
 */
class StatementNames {
  private readonly byText = new Map<string, string | null>();

  of(text: string): string | undefined {
    const seen = this.byText.get(text);
    if (seen) return seen;
    if (seen === null) {
      const name = `cg_${createHash("sha256").update(text).digest("base64url").slice(0, 32)}`;
      this.byText.set(text, name);
      return name;
    }
    // Bounded like SQLite's statements; an evicted text is seen afresh, and digests to the same name again.
    if (this.byText.size >= SQLITE_STATEMENT_CACHE) this.byText.delete(this.byText.keys().next().value!);
    this.byText.set(text, null);
    return undefined;
  }
}

// Values as Prisma's adapters send them, so that comparisons with stored values hold as they do through Prisma.

/** SQLite: Prisma stores DateTime as ISO 8601 text with an explicit offset, and booleans as 0/1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** PostgreSQL: timestamp(3) columns hold UTC without a zone, so a Date goes as UTC text (pg's own would use local time). */
function postgresValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("T", " ").replace("Z", "");
  if (Array.isArray(value)) return value.map(postgresValue);
  return value;
}

/**
 * A driver's failure, carrying its code where src/db/errors.ts looks for it in Prisma's errors (a timeout, a busy
 * database), so it is reported the same whichever way the statement ran.
 */
export class DriverError extends Error {
  readonly originalCode: string | undefined;
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = "DriverError";
    const code = (cause as { code?: unknown } | null)?.code;
    this.originalCode = typeof code === "string" ? code : undefined;
  }
}
