import { describe, expect, it } from "vitest";

import { useTestServer } from "../setup/use.ts";

// Amplification: a small query must not make the server build a huge answer.
// Lists are priced by what they can hold, repeated ids are answered once, and
// a response that grows past LIMIT_RESPONSE_BYTES ends with one error.

const SLUG = "trump-xi-phone-call-2025-06-05";

/** `article → appearances → article → …` nested `levels` deep, ending in the body. */
function appearanceChain(levels: number): string {
  let inner = "body";
  for (let i = 0; i < levels; i++) inner = `appearances { edges { node { article { ${inner} } } } }`;
  return `{ article(slug: "${SLUG}") { ${inner} } }`;
}

describe("amplification, with the default limits", () => {
  const server = useTestServer({ NODE_ENV: "production" });

  it("prices Article.appearances as a page: three levels of the chain are refused before running", async () => {
    const { status, body } = await server.query(appearanceChain(3));
    expect(status).toBe(400);
    expect(body.errors![0]?.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", setting: "LIMIT_COST" });
  });

  it("answers two levels within the response ceiling, every page bounded", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: appearanceChain(2) }),
    });
    const text = await response.text();
    expect(text.length).toBeLessThanOrEqual(10_000_000);
    const { data } = JSON.parse(text);
    expect(data.article.appearances.edges.length).toBeLessThanOrEqual(20);
    for (const { node } of data.article.appearances.edges) expect(node.article.appearances.edges.length).toBeLessThanOrEqual(20);
  });

  it("answers each repeated id in nodes once, and prices nodes per distinct id", async () => {
    const { article } = await server.ok(`{ article(slug: "${SLUG}") { id } }`);
    const { nodes } = await server.ok(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(100).fill(article.id) });
    expect(nodes).toEqual([{ id: article.id }]);
    // 100 distinct ids of a selection priced at 261 each cost over 25,000: refused, where one id repeated 100 times is not.
    const heavy = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Claim { appearances { article { title claims(first: 10) { totalCount } } } } } }`;
    expect((await server.query(heavy, { ids: Array(100).fill(article.id) })).body.errors).toBeUndefined();
    const distinct = Array.from({ length: 100 }, (_, i) => Buffer.from(`Claim:missing-${i}`).toString("base64url"));
    const refused = await server.query(heavy, { ids: distinct });
    expect(refused.status).toBe(400);
    expect(refused.body.errors![0]?.message).toMatch(/^Query cost \d+ exceeds the limit of 25000$/);
  });

  it("prices Claim.appearances at its cap of 20 per claim", async () => {
    const { status, body } = await server.query(
      `{ claims(first: 100) { edges { node { appearances { quote article { title claims(first: 10) { totalCount } } } } } } }`,
    );
    expect(status).toBe(400);
    expect(body.errors![0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("the response ceiling (LIMIT_RESPONSE_BYTES)", () => {
  const server = useTestServer({ NODE_ENV: "production", LIMIT_RESPONSE_BYTES: "200000" });

  it("ends a query that grows past the limit with RESPONSE_TOO_LARGE and the limit, and no partial data", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: appearanceChain(2) }),
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text.length).toBeLessThan(1_000);
    expect(JSON.parse(text)).toEqual({
      errors: [
        {
          message: "The response exceeds the limit of 200000 bytes; select fewer fields or smaller pages",
          extensions: { code: "RESPONSE_TOO_LARGE", limit: 200_000 },
        },
      ],
      data: null,
    });
    // The server is intact and answers the same shape at a size that fits.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const fits = await server.ok(`{ article(slug: "${SLUG}") { appearances(first: 3) { edges { node { article { body } } } } } }`);
    expect(fits.article.appearances.edges).toHaveLength(3);
  });

  it("counts aliases of the same field, not only depth", async () => {
    const aliases = Array.from({ length: 10 }, (_, i) => `b${i}: body`).join(" ");
    const { body } = await server.query(`{ article(slug: "${SLUG}") { appearances { edges { node { article { ${aliases} } } } } } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe("RESPONSE_TOO_LARGE");
  });

  it("tells a mutation's caller that the write was applied when only its answer was too large", async () => {
    const body = "Ann said that the harbour reopens. ".repeat(4_000);
    const input = {
      slug: "too-large-answer",
      title: "A long one",
      body,
      claims: [
        {
          text: "The harbour reopens.",
          cue: "say",
          claimantDescription: "Ann",
          appearances: [{ quote: "Ann said that the harbour reopens.", occurrence: 0, kind: "REPORTED_SPEECH" }],
        },
      ],
    };
    const { status, body: answer } = await server.query(
      `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { body again: body title } } }`,
      { input },
      { authorization: `Bearer ${server.keys.editor}` },
    );
    expect(status, JSON.stringify(answer.errors)).toBe(200);
    expect(answer.data).toBeNull();
    expect(answer.errors![0]?.extensions).toEqual({ code: "RESPONSE_TOO_LARGE", limit: 200_000, applied: ["createArticle"] });
    expect(answer.errors![0]?.message).toContain("These mutations were applied: createArticle");
    expect(await server.db.article.count({ where: { slug: "too-large-answer" } })).toBe(1);
  });

  it("names only the mutations that ran: the ones after the limit tripped did not", async () => {
    const input = (slug: string) => ({ slug, title: slug, body: "Bo said it. ".repeat(10_000) });
    const { body: answer } = await server.query(
      `mutation ($a: CreateArticleInput!, $b: CreateArticleInput!) { a: createArticle(input: $a) { article { body again: body } } b: createArticle(input: $b) { article { slug } } }`,
      { a: input("ran-first"), b: input("never-ran") },
      { authorization: `Bearer ${server.keys.editor}` },
    );
    expect(answer.errors![0]?.extensions?.applied).toEqual(["a"]);
    expect(await server.db.article.count({ where: { slug: "ran-first" } })).toBe(1);
    expect(await server.db.article.count({ where: { slug: "never-ran" } })).toBe(0);
  });

  it("counts JSON escapes: control characters take six bytes each", async () => {
    const controls = "\u0001".repeat(40_000); // 40,000 bytes as text, 240,000 in JSON
    const created = await server.query(
      `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { slug } } }`,
      { input: { slug: "controls", title: "Controls", body: `x${controls}` } },
      { authorization: `Bearer ${server.keys.editor}` },
    );
    expect(created.body.errors).toBeUndefined();
    const read = await server.query(`{ article(slug: "controls") { body } }`);
    expect(read.body.errors![0]?.extensions?.code).toBe("RESPONSE_TOO_LARGE");
  });
});

describe("the response ceiling counts aliases as sent", () => {
  const server = useTestServer({ NODE_ENV: "production", LIMIT_RESPONSE_BYTES: "200000" });

  it("charges a long alias by its length, not the field's name", async () => {
    const alias = "x".repeat(20_000);
    const { status, body } = await server.query(`{ claims(first: 20) { edges { node { ${alias}: id } } } }`);
    expect(status).toBe(400);
    expect(body.errors![0]?.extensions?.code).toBe("RESPONSE_TOO_LARGE");
  });
});
