import { ClientError, GraphQLClient } from "graphql-request";
import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// graphql-request 7 with its defaults: each request a JSON POST; a response
// with errors throws a ClientError that carries them, codes included.

const server = useTestServer();
const SLUG = "trump-xi-phone-call-2025-06-05";

const ArticleClaims = graphql(`
  query RequestArticleClaims($slug: String!, $first: Int!) {
    article(slug: $slug) { title claims(first: $first) { totalCount edges { node { text claimant { name } } } } }
  }
`);
const CreateSource = graphql(`
  mutation RequestCreateSource($input: CreateSourceInput!) {
    createSource(input: $input) { source { slug } }
  }
`);

const client = (headers: Record<string, string> = {}) => new GraphQLClient(`${server.url}/graphql`, { headers });

/** The ClientError a request throws. */
async function refusal(request: Promise<unknown>): Promise<ClientError> {
  const error = await request.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientError);
  return error as ClientError;
}

describe("graphql-request", () => {
  it("runs a typed query with variables", async () => {
    const data = await client().request(ArticleClaims, { slug: SLUG, first: 3 });
    expect(data.article?.title).toMatch(/Trump/);
    expect(data.article?.claims.edges).toHaveLength(3);
    expect(data.article?.claims.totalCount).toBeGreaterThan(3);
    // GET works too (method: "GET"), with the same answer.
    const overGet = await new GraphQLClient(`${server.url}/graphql`, { method: "GET" }).request(ArticleClaims, { slug: SLUG, first: 3 });
    expect(overGet).toEqual(data);
  });

  it("runs a mutation with an editor key, and gives the codes of a refusal on the ClientError", async () => {
    const input = { name: "Request Desk", kind: "ORGANIZATION" as const };
    const created = await client({ authorization: `Bearer ${server.keys.editor}` }).request(CreateSource, { input });
    expect(created.createSource.source.slug).toBe("request-desk");

    const anonymous = await refusal(client().request(CreateSource, { input: { ...input, name: "Request Anonymous" } }));
    expect(anonymous.response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(anonymous.response.errors?.[0]?.path).toEqual(["createSource"]);

    const badKey = await refusal(client({ authorization: "Bearer cg_nope" }).request(ArticleClaims, { slug: SLUG, first: 1 }));
    expect(badKey.response.status).toBe(401);
    expect(badKey.response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("gives validation and variable errors their codes and HTTP status", async () => {
    // Plain strings: these are meant to be wrong, and codegen reads only graphql(`...`).
    const unknownField = await refusal(client().request('{ article(slug: "x") { headline } }'));
    expect(unknownField.response.status).toBe(400);
    expect(unknownField.response.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");

    const badVariable = await refusal(client().request(ArticleClaims, { slug: SLUG, first: "three" as unknown as number }));
    expect(badVariable.response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const outOfRange = await refusal(client().request(ArticleClaims, { slug: SLUG, first: 1000 }));
    expect(outOfRange.response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
