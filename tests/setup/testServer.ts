import { expect } from "vitest";

import { loadConfig } from "../../src/config.ts";
import { createDb, type Db } from "../../src/db/client.ts";
import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";
import { createLogger } from "../../src/logger.ts";
import { createSchema } from "../../src/graphql/schema.ts";
import { createServer } from "../../src/http/server.ts";
import { openTestDb } from "./testDb.ts";

export type GraphQLResponse<T = any> = {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: GraphQLError[] };
};

export type GraphQLError = { message: string; path?: (string | number)[]; extensions?: Record<string, any> };

export type TestServer = {
  url: string;
  db: Db;
  /** The database the server uses: a `file:` URL on SQLite, a `postgresql://` one on PostgreSQL. */
  databaseUrl: string;
  /** POSTs a GraphQL operation over real HTTP. */
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Runs an operation (with an API key, if given) and asserts it succeeded; returns `data`. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, key?: string): Promise<T>;
  /** Runs an operation that must fail; returns its first error. */
  fail(query: string, variables?: Record<string, unknown>, key?: string): Promise<GraphQLError>;
  close(): Promise<void>;
};

/** A real server on a free port, over a private copy of the seeded template database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const { db, url: databaseUrl, close } = await openTestDb();
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: databaseUrl, ...env });
  // With replicas or a statement timeout the server gets its own handle; `db` stays the primary for assertions.
  const served =
    config.replicaUrls.length || env.STATEMENT_TIMEOUT_MS
      ? createDb(parseDatabaseUrl(databaseUrl), { poolSize: 2, replicaUrls: config.replicaUrls, statementTimeoutMs: config.statementTimeoutMs })
      : db;
  const httpServer = await createServer({ config, db: served, schema: await createSchema(), logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent") });
  const port = await httpServer.listen();
  const url = `http://127.0.0.1:${port}`;
  const auth = (key?: string): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});
  const server: TestServer = {
    url,
    db,
    databaseUrl,
    async ok(query, variables, key) {
      const { body } = await server.query(query, variables, auth(key));
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data!;
    },
    async fail(query, variables, key) {
      const { body } = await server.query(query, variables, auth(key));
      expect(body.errors?.length, "expected an error").toBeGreaterThan(0);
      return body.errors![0];
    },
    async query(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse["body"] };
    },
    async close() {
      await httpServer.stop();
      if (served !== db) await served.$disconnect();
      await close();
    },
  };
  return server;
}
