import { type DocumentNode, print } from "graphql";
import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { bearer } from "../setup/keys.ts";
import { useTestServer } from "../setup/use.ts";
import { seedNames } from "../../seeds/load.ts";

// Typed documents through graphql() (tests/generated) for the operations the
// roles are checked on; the unknown field and the cut-off query that must look
// the same as a real one to an anonymous caller stay strings.
const server = useTestServer();
const keys = server.keys;

const CREATE_SOURCE = graphql(`mutation AuthCreateSource($name: String!) { createSource(input: { name: $name, kind: ORGANIZATION }) { source { slug } } }`);
const ARTICLE_COUNT = graphql(`query AuthArticleCount { articles { totalCount } }`);
const AUDIT_COUNT = graphql(`query AuthAuditCount { auditEvents { totalCount } }`);
const ANY_ID = Buffer.from("Article:none").toString("base64url");

/** The first error's code, or "OK"; the variables go unchecked (the admin-only operations all get `id`, used or not). */
const codeOf = async (query: string | DocumentNode, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const { body } = await server.query(typeof query === "string" ? query : print(query), variables, headers);
  return body.errors?.[0]?.extensions?.code ?? "OK";
};

describe("roles", () => {
  it("reads are public; a write without a key is UNAUTHENTICATED", async () => {
    expect(await codeOf(ARTICLE_COUNT, {})).toBe("OK");
    expect(await codeOf(CREATE_SOURCE, { name: "No Key Org" })).toBe("UNAUTHENTICATED");
  });

  it("a bad, malformed or revoked key is UNAUTHENTICATED, even for reads", async () => {
    expect(await codeOf(ARTICLE_COUNT, {}, bearer("cg_not-a-real-key"))).toBe("UNAUTHENTICATED");
    expect(await codeOf(ARTICLE_COUNT, {}, { authorization: "Basic abc" })).toBe("UNAUTHENTICATED");
    const { body } = await server.query(
      graphql(`mutation AuthCreateTempKey { createApiKey(name: "temp", role: EDITOR) { key apiKey { id } } }`),
      {},
      bearer(keys.admin),
    );
    const { key, apiKey } = body.data!.createApiKey;
    expect(await codeOf(CREATE_SOURCE, { name: "Temp Org" }, bearer(key))).toBe("OK");
    expect(
      await codeOf(graphql(`mutation AuthRevokeTempKey($id: String!) { revokeApiKey(id: $id) { revokedAt } }`), { id: apiKey.id }, bearer(keys.admin)),
    ).toBe("OK");
    expect(await codeOf(CREATE_SOURCE, { name: "Temp Org 2" }, bearer(key))).toBe("UNAUTHENTICATED");
  });

  it("a reader may not write; an editor may write but not delete, merge, manage keys or read the audit", async () => {
    expect(await codeOf(CREATE_SOURCE, { name: "Reader Org" }, bearer(keys.reader))).toBe("FORBIDDEN");
    expect(await codeOf(CREATE_SOURCE, { name: "Editor Org" }, bearer(keys.editor))).toBe("OK");
    const adminOnly = [
      graphql(`mutation AuthDeleteArticle($id: ID!) { deleteArticle(id: $id) { deletedArticleId } }`),
      graphql(`mutation AuthDeleteClaim($id: ID!) { deleteClaim(id: $id) { deletedClaimId } }`),
      graphql(`mutation AuthMergeSources($id: ID!) { mergeSources(from: $id, into: $id) { mergedSourceId } }`),
      graphql(`mutation AuthCreateKey { createApiKey(name: "x", role: READER) { key } }`),
      graphql(`mutation AuthRevokeKey { revokeApiKey(id: "x") { id } }`),
      graphql(`query AuthApiKeys { apiKeys { id } }`),
      AUDIT_COUNT,
    ];
    for (const document of adminOnly) {
      const query = print(document);
      expect(await codeOf(query, { id: ANY_ID }, bearer(keys.editor)), query).toBe("FORBIDDEN");
      expect(await codeOf(query, { id: ANY_ID }), query).toBe("UNAUTHENTICATED");
    }
    // The admin gets past the role check to the real answer.
    expect(await codeOf(adminOnly[0]!, { id: ANY_ID }, bearer(keys.admin))).toBe("NOT_FOUND");
  });

  it("FORBIDDEN names the role needed", async () => {
    const { body } = await server.query(AUDIT_COUNT, {}, bearer(keys.editor));
    expect(body.errors![0]?.message).toContain("admin");
  });

  it("stores only hashes of keys", async () => {
    const rows = await server.db.apiKey.findMany();
    for (const secret of Object.values(keys)) {
      expect(rows.some((row) => JSON.stringify(row).includes(secret))).toBe(false);
    }
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.hash))).toBe(true);
  });
});

describe("READS_REQUIRE_KEY", () => {
  const locked = useTestServer({ READS_REQUIRE_KEY: "true" });

  it("refuses anonymous reads and lets any role read", async () => {
    const anonymous = await locked.query(ARTICLE_COUNT);
    expect(anonymous.body.errors![0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(anonymous.body.data).toBeUndefined();
    const reader = await locked.query(ARTICLE_COUNT, {}, bearer(locked.keys.reader));
    expect(reader.body.data!.articles.totalCount).toBe(seedNames().length);
  });

  it("checks the key before validation, so an anonymous caller cannot tell which fields exist", async () => {
    const existing = await locked.query(ARTICLE_COUNT);
    const missing = await locked.query(`{ secretAdminThing { id } }`);
    const malformed = await locked.query(`{ articles { `);
    for (const answer of [existing, missing, malformed]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(existing.body);
    }
    expect(existing.body.errors![0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
