import { describe, expect, it } from "vitest";

import { bearer, createKeys } from "../setup/keys.ts";
import { useTestServer } from "../setup/use.ts";

// Over HTTP, a query whose every field the planner compiles is answered from the
// statement's JSON alone (src/graphql/plannedResponse.ts); the request log says
// which path answered. A field left to its resolver sends the query through
// graphql-js, with the same answer as the resolvers-only read path.

const SLUG = "trump-xi-phone-call-2025-06-05";

const NESTED = `{ articles(first: 5) { totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { __typename id title publishedAt claims(first: 3) { edges { node { id text claimedAt
    claimant { name kind claims(first: 2) { edges { node { cue appearances { start end article { slug } } } } } } } } } } } } }`;
const WITH_BODY = `{ article(slug: "${SLUG}") { title body } }`;
const FRAGMENTS = `query ($skip: Boolean!) { a: article(slug: "${SLUG}") { ...A } }
  fragment A on Article { t: title slug @skip(if: $skip) publisher { ... on Source { name } } }`;

const server = useTestServer();
const resolversOnly = useTestServer({ READ_PATH: "resolvers" });

/** The request log's `fromPlan` for the last GraphQL request. */
function lastFromPlan(): unknown {
  return server.logs.filter((line) => line.msg === "graphql request").at(-1)?.fromPlan;
}

describe("answers from the planned JSON", () => {
  it("answers a nested query without graphql-js execution, as the resolvers would", async () => {
    const planned = await server.query(NESTED);
    expect(lastFromPlan()).toBe(true);
    const resolved = await resolversOnly.query(NESTED);
    expect(JSON.stringify(planned.body)).toBe(JSON.stringify(resolved.body));
    expect(planned.body.data.articles.edges.length).toBeGreaterThan(0);
  });

  it("follows fragments, aliases and @skip the way graphql-js does", async () => {
    for (const skip of [true, false]) {
      const planned = await server.query(FRAGMENTS, { skip });
      expect(lastFromPlan()).toBe(true);
      expect(JSON.stringify(planned.body)).toBe(JSON.stringify((await resolversOnly.query(FRAGMENTS, { skip })).body));
      expect(Object.keys(planned.body.data.a)).toEqual(skip ? ["t", "publisher"] : ["t", "slug", "publisher"]);
    }
  });

  it("hands a query with a field left to its resolver to graphql-js", async () => {
    const planned = await server.query(WITH_BODY);
    expect(lastFromPlan()).toBe(false);
    expect(planned.body.data.article.body.length).toBeGreaterThan(1_000);
    expect(JSON.stringify(planned.body)).toBe(JSON.stringify((await resolversOnly.query(WITH_BODY)).body));
  });

  it("leaves bad variables to graphql-js, which names them", async () => {
    const { status, body } = await server.query(FRAGMENTS, { skip: "yes" });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(body.errors?.[0]?.message).toContain("$skip");
  });
});

describe("statements compiled once per document", () => {
  it("keep each viewer's rows and each variable set's answer apart", async () => {
    // The planner keeps a document's compiled statement (src/plan/planner.ts); what it may see differs by role.
    const keys = await createKeys(server.db);
    const claim = await server.db.claim.findFirstOrThrow({ orderBy: { id: "asc" } });
    const reviewer = await server.db.source.findFirstOrThrow({ orderBy: { id: "asc" } });
    const draft = await server.db.review.create({
      data: { claimId: claim.id, reviewerId: reviewer.id, alternateName: "False", headline: "A draft review", verdict: "FALSE", status: "DRAFT" },
    });
    const query = `query ($first: Int) { reviews(first: $first) { edges { node { headline } } } }`;
    const names = async (headers: Record<string, string>, first = 50) =>
      (await server.ok(query, { first }, headers.authorization?.slice(7))).reviews.edges.map(
        (edge: { node: { headline: string | null } }) => edge.node.headline,
      );
    for (const round of [1, 2]) {
      expect(await names({}), `anonymous, round ${round}`).not.toContain("A draft review");
      expect(await names(bearer(keys.editor)), `editor, round ${round}`).toContain("A draft review");
      expect(lastFromPlan()).toBe(true);
    }
    expect(await names({}, 1)).toHaveLength(1);
    await server.db.review.delete({ where: { id: draft.id } });
  });
});

describe("the response ceiling on planned answers", () => {
  const small = useTestServer({ LIMIT_RESPONSE_BYTES: "20000" });

  it("ends an answer that grows past the limit with RESPONSE_TOO_LARGE and no partial data", async () => {
    const aliases = Array.from({ length: 7 }, (_, i) => `t${i}: text`).join(" ");
    const { status, body } = await small.query(
      `{ claims(first: 100) { edges { node { ${aliases} claimant { claims(first: 20) { edges { node { ${aliases} } } } } } } } }`,
    );
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        {
          message: "The response exceeds the limit of 20000 bytes; select fewer fields or smaller pages",
          extensions: { code: "RESPONSE_TOO_LARGE", limit: 20_000 },
        },
      ],
      data: null,
    });
    // The same shape that fits is answered from the plan.
    const fits = await small.query(`{ claims(first: 5) { edges { node { t0: text } } } }`);
    expect(fits.body.data.claims.edges).toHaveLength(5);
    expect(small.logs.filter((line) => line.msg === "graphql request").at(-1)?.fromPlan).toBe(true);
  });
});
