// BASELINES, not product code. Two minimal GraphQL servers over the same data
// and the same W1/W2 shape as claimgraph, in claimgraph's default order
// (oldest first, undated last), run by bench/run.ts:
//   BASELINE=speed-of-light  hand-written batched SQL (window functions), one
//                            statement per level, raw drivers, bare graphql-js;
//   BASELINE=naive-prisma    one Prisma query per field, no batching.
// DATABASE_URL and PORT come from the environment.
import { createServer } from "node:http";

import Database from "better-sqlite3";
import DataLoader from "dataloader";
import { buildSchema, graphql, type GraphQLFieldResolver } from "graphql";
import pg from "pg";

import { createDb } from "../../src/db/client.ts";
import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";

const SDL = `
  type Query { articles(first: Int = 20): ArticleConnection! }
  type ArticleConnection { edges: [ArticleEdge!]! }
  type ArticleEdge { node: Article! }
  type Article { id: ID! title: String! slug: String! publishedAt: String claims(first: Int = 20): ClaimConnection! }
  type ClaimConnection { edges: [ClaimEdge!]! }
  type ClaimEdge { node: Claim! }
  type Claim { id: ID! text: String! claimant: Source appearances: [Appearance!]! }
  type Source { id: ID! name: String! claims(first: Int = 20): ClaimConnection! }
  type Appearance { quote: String! article: Article! }
`;

type Row = Record<string, unknown> & { id: string };
type Resolvers = Record<string, Record<string, GraphQLFieldResolver<Row, Context, { first: number }>>>;
type Context = Record<string, DataLoader<string, unknown>>;
const edges = (rows: Row[]) => ({ edges: rows.map((node) => ({ node })) });
const target = parseDatabaseUrl();

// --- speed of light -------------------------------------------------------

/** Runs one statement; `$ids` is the list of parent ids, `$n` the page size. */
function sqlRunner(): (sql: string, ids: readonly string[] | null, n?: number) => Promise<Row[]> {
  if (target.provider === "sqlite") {
    const db = new Database(target.filePath);
    const cache = new Map<string, Database.Statement>();
    return async (sql, ids, n) => {
      const text = sql.replace("$ids", "(SELECT value FROM json_each(?))").replace("$n", "?");
      const statement = cache.get(text) ?? db.prepare(text);
      cache.set(text, statement);
      const params = [...(ids ? [JSON.stringify(ids)] : []), ...(n === undefined ? [] : [n])];
      return statement.all(...params) as Row[];
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  return async (sql, ids, n) => {
    let index = 0;
    // Statements written for PostgreSQL already number their parameters.
    const text = sql.includes("$1") ? sql : sql.replace("$ids", () => `(SELECT unnest($${++index}::text[]))`).replace("$n", () => `$${++index}`);
    const params = [...(ids ? [ids] : []), ...(n === undefined ? [] : [n])];
    return (await pool.query(text, params)).rows as Row[];
  };
}

function speedOfLight(): { resolvers: Resolvers; context: () => Context } {
  const run = sqlRunner();
  const byParent = (rows: Row[], ids: readonly string[]) => ids.map((id) => rows.filter((row) => row.parent === id));
  // SQLite: ROW_NUMBER() over a partition per parent. PostgreSQL: a LATERAL
  // LIMIT per parent, the nullable key read as two index ranges (values, then nulls).
  const CLAIMS = `SELECT * FROM (SELECT c.id, c.text, c."claimantId", {parent} AS parent,
      ROW_NUMBER() OVER (PARTITION BY {parent} ORDER BY c."claimedAt" ASC NULLS LAST, c.id ASC) AS rn
    FROM {from} WHERE {parent} IN $ids) t WHERE rn <= $n`;
  const sqlite = target.provider === "sqlite";
  const claimsByArticle = sqlite
    ? CLAIMS.replaceAll("{parent}", `a."articleId"`).replace("{from}", `"Appearance" a JOIN "Claim" c ON c.id = a."claimId"`)
    : `SELECT c.*, p.parent FROM unnest($1::text[]) p(parent) CROSS JOIN LATERAL (SELECT id, text, "claimantId" FROM "Claim"
        WHERE id IN (SELECT "claimId" FROM "Appearance" WHERE "articleId" = p.parent) ORDER BY "claimedAt" ASC NULLS LAST, id ASC LIMIT $2) c`;
  const claimsBySource = sqlite
    ? CLAIMS.replaceAll("{parent}", `c."claimantId"`).replace("{from}", `"Claim" c`)
    : `SELECT c.id, c.text, c."claimantId", p.parent FROM unnest($1::text[]) p(parent) CROSS JOIN LATERAL (SELECT * FROM (
        (SELECT id, text, "claimantId", "claimedAt" FROM "Claim" WHERE "claimantId" = p.parent AND "claimedAt" IS NOT NULL ORDER BY "claimedAt" ASC, id ASC LIMIT $2)
        UNION ALL (SELECT id, text, "claimantId", "claimedAt" FROM "Claim" WHERE "claimantId" = p.parent AND "claimedAt" IS NULL ORDER BY id ASC LIMIT $2)
      ) u ORDER BY "claimedAt" ASC NULLS LAST, id ASC LIMIT $2) c`;
  const context = (): Context => ({
    article: new DataLoader(async (ids) => {
      const rows = await run(`SELECT id, title, slug, "publishedAt" FROM "Article" WHERE id IN $ids`, ids);
      return ids.map((id) => rows.find((row) => row.id === id));
    }),
    source: new DataLoader(async (ids) => {
      const rows = await run(`SELECT id, name FROM "Source" WHERE id IN $ids`, ids);
      return ids.map((id) => rows.find((row) => row.id === id));
    }),
    appearances: new DataLoader(async (ids) =>
      byParent(await run(`SELECT "claimId" AS parent, quote, "articleId" FROM "Appearance" WHERE "claimId" IN $ids ORDER BY start`, ids), ids),
    ),
    // Keys carry the page size, so each loader batches one (parent, first) shape.
    claimsByArticle: new DataLoader(async (keys) => {
      const [ids, n] = splitKeys(keys);
      return byParent(await run(claimsByArticle, ids, n), ids);
    }),
    claimsBySource: new DataLoader(async (keys) => {
      const [ids, n] = splitKeys(keys);
      return byParent(await run(claimsBySource, ids, n), ids);
    }),
  });
  const resolvers: Resolvers = {
    Query: {
      articles: async (_root, { first }) =>
        edges(await run(`SELECT id, title, slug, "publishedAt" FROM "Article" ORDER BY "publishedAt" ASC NULLS LAST, id ASC LIMIT $n`, null, first)),
    },
    Article: { claims: async (row, { first }, ctx) => edges((await ctx.claimsByArticle.load(`${first}:${row.id}`)) as Row[]) },
    Claim: {
      claimant: (row, _args, ctx) => (row.claimantId ? ctx.source.load(row.claimantId as string) : null),
      appearances: (row, _args, ctx) => ctx.appearances.load(row.id),
    },
    Source: { claims: async (row, { first }, ctx) => edges((await ctx.claimsBySource.load(`${first}:${row.id}`)) as Row[]) },
    Appearance: { article: (row, _args, ctx) => ctx.article.load(row.articleId as string) },
  };
  return { resolvers, context };
}

function splitKeys(keys: readonly string[]): [string[], number] {
  const n = Number(keys[0]!.split(":")[0]);
  if (keys.some((key) => Number(key.split(":")[0]) !== n)) throw new Error("one page size per batch in this baseline");
  return [keys.map((key) => key.slice(key.indexOf(":") + 1)), n];
}

// --- naive Prisma ---------------------------------------------------------

async function naivePrisma(): Promise<{ resolvers: Resolvers; context: () => Context }> {
  const db = await createDb(target, 10);
  const order = [{ claimedAt: { sort: "asc" as const, nulls: "last" as const } }, { id: "asc" as const }];
  // findFirst, not findUnique: Prisma batches findUnique calls itself, and this baseline has no batching.
  const resolvers: Resolvers = {
    Query: {
      articles: async (_root, { first }) =>
        edges(await db.article.findMany({ orderBy: [{ publishedAt: { sort: "asc", nulls: "last" } }, { id: "asc" }], take: first })),
    },
    Article: {
      claims: async (row, { first }) =>
        edges(await db.claim.findMany({ where: { appearances: { some: { articleId: row.id } } }, orderBy: order, take: first })),
    },
    Claim: {
      claimant: (row) => (row.claimantId ? db.source.findFirst({ where: { id: row.claimantId as string } }) : null),
      appearances: (row) => db.appearance.findMany({ where: { claimId: row.id }, orderBy: { start: "asc" } }),
    },
    Source: { claims: async (row, { first }) => edges(await db.claim.findMany({ where: { claimantId: row.id }, orderBy: order, take: first })) },
    Appearance: { article: (row) => db.article.findFirst({ where: { id: row.articleId as string } }) },
  };
  return { resolvers, context: () => ({}) };
}

// --- HTTP -----------------------------------------------------------------

const kind = process.env.BASELINE;
if (kind !== "speed-of-light" && kind !== "naive-prisma") throw new Error("BASELINE must be speed-of-light or naive-prisma");
const { resolvers, context } = kind === "speed-of-light" ? speedOfLight() : await naivePrisma();
const schema = buildSchema(SDL);
for (const [typeName, fields] of Object.entries(resolvers)) {
  const type = schema.getType(typeName) as import("graphql").GraphQLObjectType;
  for (const [fieldName, resolve] of Object.entries(fields)) type.getFields()[fieldName]!.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
}

const server = createServer(async (request, response) => {
  if (request.method !== "POST") {
    response.statusCode = request.url === "/readyz" ? 200 : 405;
    return response.end();
  }
  let body = "";
  for await (const chunk of request) body += chunk;
  const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
  const result = await graphql({ schema, source: query, variableValues: variables, contextValue: context() });
  response.setHeader("content-type", "application/json");
  response.statusCode = result.errors ? 500 : 200;
  response.end(JSON.stringify(result));
});
server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
