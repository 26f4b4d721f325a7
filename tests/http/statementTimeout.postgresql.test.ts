import pg from "pg";
import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// STATEMENT_TIMEOUT_MS sets PostgreSQL's statement_timeout on the API's
// connections. A table lock held elsewhere makes a read wait past it for sure.

const server = useTestServer({ NODE_ENV: "production", STATEMENT_TIMEOUT_MS: "300" });
const FIRST_ARTICLE = graphql(`query TimeoutFirstArticle { articles(first: 1) { edges { node { slug } } } }`);

describe("statement timeout (PostgreSQL)", () => {
  it("cancels a statement past STATEMENT_TIMEOUT_MS and answers QUERY_TIMEOUT with the limit, then serves again", async () => {
    const connection = await server.db.$queryRawUnsafe<{ db: string }[]>("SELECT current_database() AS db");
    const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: connection[0]!.db });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query('LOCK TABLE "Article" IN ACCESS EXCLUSIVE MODE');
      const { body } = await server.query(FIRST_ARTICLE);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]?.extensions).toEqual({ code: "QUERY_TIMEOUT", limit: 300 });
      expect(body.errors![0]?.message).toContain("300 ms");
    } finally {
      await client.query("ROLLBACK");
      await client.end();
    }
    const again = await server.ok(FIRST_ARTICLE);
    expect(again.articles.edges).toHaveLength(1);
  });
});
