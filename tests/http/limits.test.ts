import { getIntrospectionQuery } from "graphql";
import { describe, expect, it } from "vitest";

import { useTestServer } from "../setup/use.ts";

const server = useTestServer();

// The benchmark's nested shape (W2) at a size that fits the default cost limit. At the benchmark's
// 20 articles it is priced at 64,281: Claim.appearances counts its cap of 20 per claim.
const nested = (articles: number) => `{ articles(first: ${articles}) { edges { node { title claims(first: 10) { edges { node { text claimant { name
  claims(first: 5) { edges { node { appearances { quote article { title } } } } } } } } } } } } }`;
const W2 = nested(5);

describe("query limits", () => {
  it("let the standard introspection query and the nested benchmark query through", async () => {
    const { body } = await server.query(getIntrospectionQuery());
    expect(body.errors).toBeUndefined();
    expect(body.data.__schema.types.length).toBeGreaterThan(20);
    expect((await server.query(W2)).body.errors).toBeUndefined();
  });

  it("price the nested benchmark shape at its full size by what its lists can hold", async () => {
    const { status, body } = await server.query(nested(20));
    expect(status).toBe(400);
    expect(body.errors![0]?.message).toBe("Query cost 64281 exceeds the limit of 25000");
  });

  it("refuse __schema repeated under aliases", async () => {
    const error = await server.fail(`{ a: __schema { queryType { name } } b: __schema { queryType { name } } }`);
    expect(error.extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(error.message).toContain("__schema");
  });

  it("refuse introspection nested deeper than the standard query", async () => {
    let typeRef = "name";
    for (let i = 0; i < 14; i++) typeRef = `ofType { ${typeRef} }`;
    const error = await server.fail(`{ __schema { types { fields { type { ${typeRef} } } } } }`);
    expect(error.message).toMatch(/depth/i);
    expect(error.message).toContain("15");
  });

  it("refuse a too-deep query, naming the limit", async () => {
    let query = "name";
    for (let i = 0; i < 14; i++) query = `affiliation { ${query} }`;
    const error = await server.fail(`{ sources { edges { node { ${query} } } } }`);
    expect(error.extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(error.message).toMatch(/depth limit of 15/i);
  });

  it("refuse alias bombs, directive floods and token floods", async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: articles { totalCount }`).join(" ");
    expect((await server.fail(`{ ${aliases} }`)).message).toMatch(/aliases limit of 15/i);
    const directives = Array.from({ length: 51 }, () => "@include(if: true)").join(" ");
    expect((await server.fail(`{ articles ${directives} { totalCount } }`)).message).toMatch(/directives limit of 50/i);
    const tokens = Array.from({ length: 2_100 }, () => "__typename").join(" ");
    const { status, body } = await server.query(`{ ${tokens} }`);
    expect(status).toBe(400);
    expect(body.errors![0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(body.errors![0]?.message).toMatch(/contains more th.. 2000 tokens/i);
  });

  it("count first/last in the cost, from literals and from variables", async () => {
    const heavy = `query ($n: Int) { claims(first: $n) { edges { node { claimant { claims(first: $n) { edges { node { articles(first: $n) { edges { node { title } } } } } } } } } } }`;
    const error = await server.fail(heavy, { n: 100 });
    expect(error.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", limit: 25000, setting: "LIMIT_COST" });
    expect(error.extensions?.value).toBeGreaterThan(25000);
    expect(error.message).toMatch(/Query cost \d+ exceeds the limit of 25000/);
    expect((await server.query(heavy, { n: 5 })).body.errors).toBeUndefined();
  });

  it("refuse batched HTTP requests", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ articles { totalCount } }" }, { query: "{ sources { totalCount } }" }]),
    });
    expect(response.status).toBe(400);
  });
});

describe("configured limits", () => {
  const strict = useTestServer({ LIMIT_DEPTH: "3", LIMIT_COST: "50", LIMIT_ALIASES: "1" });

  it("apply the environment's values", async () => {
    expect((await strict.fail(`{ sources { edges { node { name } } } }`)).message).toMatch(/depth limit of 3/i);
    expect((await strict.fail(`{ a: articles { totalCount } b: articles { totalCount } }`)).message).toMatch(/aliases limit of 1/i);
    expect((await strict.fail(`{ claims(first: 100) { totalCount } }`)).extensions).toMatchObject({ limit: 50, setting: "LIMIT_COST" });
  });
});

describe("filters in the cost limit", () => {
  // Each operand is three relation hops deep: 100 + 200 + 300 on top of its conditions.
  const operand = (i: number) => `{ article: { claim: { claimant: { slug: { equals: "nobody-${i}" } } } } }`;
  const filtered = (alias: string) =>
    `${alias}: claims(first: 1, filter: { OR: [${Array.from({ length: 15 }, (_, i) => operand(i)).join(", ")}] }) { totalCount }`;

  it("prices each filter by its relation hops, so many heavy filters in one operation are refused", async () => {
    expect((await server.query(`{ ${filtered("a")} }`)).body.errors).toBeUndefined();
    const { status, body } = await server.query(`{ ${filtered("a")} ${filtered("b")} ${filtered("c")} }`);
    expect(status).toBe(400);
    expect(body.errors![0]?.message).toMatch(/^Query cost \d+ exceeds the limit of 25000$/);
  });
});

describe("filter pricing cannot be skipped", () => {
  it("prices a single OR operand, which GraphQL coerces to a list of one, like the list", async () => {
    const chain = `{ article: { claim: { claimant: { slug: { equals: "nobody" } } } } }`;
    // `OR: {…}` without brackets: one operand holding three relation chains.
    const single = (alias: string) => `${alias}: claims(first: 1, filter: { OR: { AND: [${chain}, ${chain}, ${chain}] } }) { totalCount }`;
    const { status, body } = await server.query(`{ ${Array.from({ length: 15 }, (_, i) => single(`a${i}`)).join(" ")} }`);
    expect(status).toBe(400);
    expect(body.errors![0]?.message).toMatch(/^Query cost \d+ exceeds the limit of 25000$/);
  });
});

describe("text filters match a backslash literally on both backends", () => {
  it("finds a claim by a backslash in its text, and a trailing backslash is not an error", async () => {
    const COUNT = `query ($f: ClaimFilter) { claims(filter: $f) { totalCount } }`;
    expect((await server.ok(COUNT, { f: { text: { endsWith: "\\" } } })).claims.totalCount).toBe(0);
    expect((await server.ok(COUNT, { f: { text: { contains: "\\" } } })).claims.totalCount).toBe(0);
  });
});
