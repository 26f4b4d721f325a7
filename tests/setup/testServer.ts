import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type DocumentNode, print } from "graphql";
import { expect } from "vitest";

import { loadConfig } from "../../src/config.ts";
import { createDb, type Db } from "../../src/db/client.ts";
import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";
import { createLogger } from "../../src/logger.ts";
import { createSchema } from "../../src/graphql/schema.ts";
import { createServer } from "../../src/http/server.ts";
import { openTestDb } from "./testDb.ts";

export type GraphQLResponse<T = unknown> = {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: GraphQLError[] };
};

export type GraphQLError = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };

/**
 * The variables of a typed document, then what follows them: the variables may
 * be left out when the operation has none that are required.
 */
// biome-ignore lint/complexity/noBannedTypes: `{} extends V` is the test for "V has no required key" (Partial<V> differs on index signatures).
type VariablesThen<V, Rest extends unknown[]> = {} extends V ? [variables?: V, ...rest: Rest] : [variables: V, ...rest: Rest];

export type TestServer = {
  url: string;
  db: Db;
  /** The database the server uses: a `file:` URL on SQLite, a `postgresql://` one on PostgreSQL. */
  databaseUrl: string;
  /**
   * POSTs a GraphQL operation over real HTTP: a typed document from `graphql()`
   * (tests/generated/gql.ts), whose variables and `data` are checked by tsc, or
   * a plain string for queries that are meant to be invalid.
   */
  query<R, V>(document: TypedDocumentNode<R, V>, ...args: VariablesThen<V, [headers?: Record<string, string>]>): Promise<GraphQLResponse<R>>;
  // biome-ignore lint/suspicious/noExplicitAny: a plain string is untyped on purpose: the hostile and malformed queries read whatever came back.
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Runs an operation (with an API key, if given) and asserts it succeeded; returns `data`, typed for a typed document. */
  ok<R, V>(document: TypedDocumentNode<R, V>, ...args: VariablesThen<V, [key?: string]>): Promise<R>;
  // biome-ignore lint/suspicious/noExplicitAny: as for query: a plain string's data is untyped; use a typed document to have it checked.
  ok<T = any>(query: string, variables?: Record<string, unknown>, key?: string): Promise<T>;
  /**
   * Runs an operation that must fail; returns its first error. The variables
   * are not checked against a typed document's: failing tests send wrong ones.
   */
  fail(query: string | DocumentNode, variables?: Record<string, unknown>, key?: string): Promise<GraphQLError>;
  /** The server's log lines so far (the last thousand), parsed; empty when TEST_LOG_LEVEL sends them to stdout. */
  readonly logs: readonly Record<string, unknown>[];
  close(): Promise<void>;
};

/** The text to send: a document is printed, a string goes as written. */
const textOf = (query: string | DocumentNode) => (typeof query === "string" ? query : print(query));

/** A real server on a free port, over a private copy of the seeded template database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const { db, url: databaseUrl, close } = await openTestDb();
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: databaseUrl, ...env });
  // With replicas or a statement timeout the server gets its own handle; `db` stays the primary for assertions.
  const served =
    config.replicaUrls.length || env.STATEMENT_TIMEOUT_MS
      ? await createDb(parseDatabaseUrl(databaseUrl), { poolSize: 2, replicaUrls: config.replicaUrls, statementTimeoutMs: config.statementTimeoutMs })
      : db;
  // The request log goes to memory (server.logs), or to stdout at TEST_LOG_LEVEL when that is set.
  const logs: Record<string, unknown>[] = [];
  const memory = {
    write(line: string) {
      logs.push(JSON.parse(line) as Record<string, unknown>);
      if (logs.length > 1_000) logs.shift();
    },
  };
  const logger = process.env.TEST_LOG_LEVEL ? createLogger(process.env.TEST_LOG_LEVEL) : createLogger("info", memory);
  const httpServer = await createServer({ config, db: served, schema: await createSchema(), logger });
  const port = await httpServer.listen();
  const url = `http://127.0.0.1:${port}`;
  const auth = (key?: string): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});
  // One untyped sender behind the overloads: the typed ones only narrow what goes in and what comes out.
  const send = async (query: string | DocumentNode, variables?: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse> => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query: textOf(query), variables }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse["body"] };
  };
  const server: TestServer = {
    url,
    db,
    databaseUrl,
    logs,
    async ok(query: string | DocumentNode, variables?: unknown, key?: string) {
      const { body } = await send(query, variables, auth(key));
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data!;
    },
    async fail(query, variables, key) {
      const { body } = await send(query, variables, auth(key));
      expect(body.errors?.length, "expected an error").toBeGreaterThan(0);
      return body.errors![0]!;
    },
    query: (query: string | DocumentNode, variables?: unknown, headers?: Record<string, string>) => send(query, variables, headers),
    async close() {
      await httpServer.stop();
      if (served !== db) await served.$disconnect();
      await close();
    },
  };
  return server;
}
