import { loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db/client.ts";
import { createLogger } from "../../src/logger.ts";
import { createSchema } from "../../src/schema.ts";
import { createServer } from "../../src/server.ts";
import { openTestDb } from "./testDb.ts";

export type GraphQLResponse<T = any> = {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
};

export type TestServer = {
  url: string;
  db: Db;
  /** POSTs a GraphQL operation over real HTTP. */
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
};

/** A real server on a free port, over a private copy of the seeded template database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const { db, url: databaseUrl, close } = openTestDb();
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATABASE_URL: databaseUrl, ...env });
  const server = await createServer({ config, db, schema: await createSchema(), logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent") });
  const port = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    db,
    async query(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse["body"] };
    },
    async close() {
      await server.stop();
      await close();
    },
  };
}
