import { beforeAll, describe, expect, it } from "vitest";

import { createNestedFixture } from "../setup/fixtures.ts";
import { useTestServer } from "../setup/use.ts";

// No N+1: the number of SQL statements a nested query sends depends on its
// shape, not on how many rows each level returns. With the planner (the
// default read path) a query takes one statement per root field; the
// resolvers-only path (READ_PATH=resolvers) takes about one per relation.

// The cost limit is not under test here; the point is to run big pages.
const server = useTestServer({ SEED: "false", LIMIT_COST: "10000000", READ_PATH: "resolvers" });
const planned = useTestServer({ SEED: "false", LIMIT_COST: "10000000" });
let statements: string[] = [];

beforeAll(async () => {
  for (const each of [server, planned]) {
    await createNestedFixture(each.db, { articles: 40, prefix: "fx" });
    // Listeners cannot be removed, so register one and swap the array.
    each.db.onStatement((sql) => statements.push(sql));
  }
});

// The benchmark's W1 and W2 (bench/run.ts).
const W1 = `{ articles(first: 20) { edges { node { title slug publishedAt } } } }`;
const W2 = `{ articles(first: 20) { edges { node { title claims(first: 10) { edges { node { text claimant { name claims(first: 5) { edges { node { appearances { quote article { title } } } } } } } } } } } } }`;

describe("statement count with the planner", () => {
  it("is one per request for W1, W2 and the nested query of every relation", async () => {
    for (const [query, variables] of [
      [W1, {}],
      [W2, {}],
      [NESTED, { first: 40 }],
    ] as const) {
      statements = [];
      const { body } = await planned.query(query, variables);
      expect(body.errors).toBeUndefined();
      expect(statements, statements.join("\n")).toHaveLength(1);
    }
  });

  it("answers the nested query exactly as the resolvers do", async () => {
    const viaPlanner = await planned.query(NESTED, { first: 40 });
    const viaResolvers = await server.query(NESTED, { first: 40 });
    // The two servers hold the same fixture under different ids; compare everything but ids.
    expect(viaPlanner.body.data.articles.edges).toHaveLength(40);
    expect(JSON.stringify(viaPlanner.body)).toBe(JSON.stringify(viaResolvers.body));
  });

  it("leaves Article.body to its batched loader, so the response ceiling applies before bodies are read", async () => {
    statements = [];
    const { body } = await planned.query(`{ articles(first: 5) { edges { node { body appearances(first: 3) { edges { node { article { body } } } } } } } }`);
    expect(body.errors).toBeUndefined();
    expect(statements).toHaveLength(2);
    // The planned statement reads no body; the loader reads each article's once.
    expect(statements[0]).not.toMatch(/["`]body["`]/);
    expect(statements[1]).toMatch(/["`]body["`]/);
  });

  it("adds one statement per root field, and leaves fields it does not plan to their resolvers", async () => {
    statements = [];
    const { body } = await planned.query(
      `{ a: articles(first: 2) { totalCount } b: claims(first: 2) { totalCount } search(query: "trade", first: 1) { totalCount } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(statements.filter((sql) => /json_(object|build_object)/.test(sql))).toHaveLength(2);
  });
});

const NESTED = `query ($first: Int!) {
  articles(first: $first, filter: { slug: { startsWith: "fx-" } }) {
    totalCount
    edges { node {
      title
      publisher { name }
      authors { name }
      appearances(first: 10) { totalCount edges { node { quote start end } } }
      claims(first: 10) {
        totalCount
        edges { node {
          text
          channel { name }
          reportedBy { name }
          appearances { quote article { title } }
          claimant {
            name
            claims(first: 5) { totalCount edges { node { text articles(first: 3) { edges { node { title } } } } } }
          }
        } }
      }
    } }
  }
}`;

async function countStatements(first: number) {
  statements = [];
  const { body } = await server.query(NESTED, { first });
  expect(body.errors).toBeUndefined();
  return { statements, data: body.data };
}

describe("statement count of a nested query", () => {
  it("has non-empty relations at every level", async () => {
    const { data } = await countStatements(20);
    const articles = data.articles.edges;
    expect(articles).toHaveLength(20);
    for (const { node } of articles) {
      expect(node.publisher).not.toBeNull();
      expect(node.authors).toHaveLength(2);
      expect(node.claims.edges).toHaveLength(3);
      expect(node.appearances.edges).toHaveLength(3);
      expect(node.appearances.totalCount).toBe(3);
      for (const { node: claim } of node.claims.edges) {
        expect(claim.appearances[0].article.title).toBe(node.title);
        expect(claim.claimant.claims.edges.length).toBeGreaterThan(0);
        expect(claim.claimant.claims.edges[0].node.articles.edges.length).toBeGreaterThan(0);
      }
    }
  });

  it("stays the same when the page size doubles, and under a fixed bound", async () => {
    const twenty = await countStatements(20);
    const forty = await countStatements(40);
    expect(forty.data.articles.edges).toHaveLength(40);
    // Only the top-level list may add one: a nullable sort is read as two index ranges (see readPage in
    // src/db/lists.ts), and the range of undated rows is read when the dated ones do not fill the page.
    expect(forty.statements.length - twenty.statements.length).toBeGreaterThanOrEqual(0);
    expect(forty.statements.length - twenty.statements.length).toBeLessThanOrEqual(1);
    // About one statement per relation per level (17 today; Prisma reads an
    // `include` as a second statement). The bound catches any per-row query.
    expect(twenty.statements.length, twenty.statements.join("\n")).toBeLessThanOrEqual(20);
  });
});
