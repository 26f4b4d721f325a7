import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// Every write path holds the same caps, in UTF-16 code units for text: the
// read side prices lists at these caps, so a write that slipped past one
// would make a cheap-looking query expensive. The documents are typed through
// graphql() (tests/generated); the cursor built at run time stays a string.

const server = useTestServer({ RATE_LIMIT_PER_KEY: "100000" });
const keys = server.keys;
const SEED = "trump-xi-phone-call-2025-06-05";

const CREATE_ARTICLE = graphql(`mutation CapsCreateArticle($input: CreateArticleInput!) { createArticle(input: $input) { article { id slug } } }`);
const CREATE_CLAIM = graphql(`mutation CapsCreateClaim($input: CreateClaimInput!) { createClaim(input: $input) { claim { id } } }`);
const ADD = graphql(`mutation CapsAddAppearance($input: AddAppearanceInput!) { addAppearance(input: $input) { appearance { id } } }`);
const IMPORT = graphql(`mutation CapsImportArticle($input: ImportArticleInput!) { importArticle(input: $input) { article { id } } }`);
const EXTRACT = graphql(`query CapsExtract($t: String!) { extractClaims(text: $t) { index } }`);
const APPEARANCES = graphql(`query CapsAppearances($id: ID!) { claim(id: $id) { appearances { id } } }`);

/** An article whose body repeats `sentence` `times` times, so a quote can be placed at any occurrence. */
async function articleOf(slug: string, sentence: string, times: number) {
  const { createArticle } = await server.ok(CREATE_ARTICLE, { input: { slug, title: slug, body: Array(times).fill(sentence).join(" ") } }, keys.editor);
  return createArticle.article;
}

describe("write caps", () => {
  it("addAppearance refuses a claim's 21st appearance, naming the limit", async () => {
    await articleOf("caps-appearances", "Ann said it.", 25);
    const { createClaim } = await server.ok(
      CREATE_CLAIM,
      {
        input: {
          text: "It.",
          cue: "say",
          claimantDescription: "Ann",
          appearances: Array.from({ length: 20 }, (_, i) => ({
            article: { slug: "caps-appearances" },
            quote: "Ann said it.",
            occurrence: i,
            kind: "REPORTED_SPEECH" as const,
          })),
        },
      },
      keys.editor,
    );
    const error = await server.fail(
      ADD,
      { input: { claim: createClaim.claim.id, article: { slug: "caps-appearances" }, quote: "Ann said it.", occurrence: 20, kind: "REPORTED_SPEECH" } },
      keys.editor,
    );
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "claim", limit: 20 });
    expect(await server.db.appearance.count({ where: { claimId: Buffer.from(createClaim.claim.id, "base64url").toString().split(":")[1] } })).toBe(20);
  });

  it("holds the appearance cap when additions race", async () => {
    await articleOf("caps-race", "Bo said it.", 30);
    const { createClaim } = await server.ok(
      CREATE_CLAIM,
      {
        input: {
          text: "It, again.",
          cue: "say",
          claimantDescription: "Bo",
          appearances: Array.from({ length: 18 }, (_, i) => ({
            article: { slug: "caps-race" },
            quote: "Bo said it.",
            occurrence: i,
            kind: "REPORTED_SPEECH" as const,
          })),
        },
      },
      keys.editor,
    );
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        server.query(
          ADD,
          { input: { claim: createClaim.claim.id, article: { slug: "caps-race" }, quote: "Bo said it.", occurrence: 18 + i, kind: "REPORTED_SPEECH" } },
          { authorization: `Bearer ${keys.editor}` },
        ),
      ),
    );
    const succeeded = answers.filter((a) => !a.body.errors).length;
    expect(succeeded).toBe(2);
    for (const answer of answers.filter((a) => a.body.errors)) expect(answer.body.errors![0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const { claim } = await server.ok(APPEARANCES, { id: createClaim.claim.id });
    expect(claim!.appearances).toHaveLength(20);
  });

  it("counts the body in UTF-16 code units, so astral characters cannot double the limit", async () => {
    const body = "😀".repeat(100_001); // 100,001 code points, 200,002 UTF-16 code units
    const created = await server.query(CREATE_ARTICLE, { input: { slug: "caps-astral", title: "Astral", body } }, { authorization: `Bearer ${keys.editor}` });
    expect(created.body.errors![0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "body" });
    const imported = await server.query(IMPORT, { input: { title: "Astral", body } }, { authorization: `Bearer ${keys.editor}` });
    expect(imported.body.errors![0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "body" });
    const extracted = await server.query(EXTRACT, { t: body });
    expect(extracted.body.errors![0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text", limit: 200_000 });
    expect(await server.db.article.count({ where: { slug: { startsWith: "caps-astral" } } })).toBe(0);
  });

  it("importArticle saves at most 200 claims, as createArticle does", async () => {
    const body = Array.from({ length: 205 }, (_, i) => `Minister Ann Lee said that pier ${i + 1} would reopen.`).join(" ");
    const proposed = await server.ok(EXTRACT, { t: body });
    expect(proposed.extractClaims.length).toBeGreaterThan(200);
    const error = await server.fail(IMPORT, { input: { title: "Many piers", body } }, keys.editor);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "accept", limit: 200 });
    expect(await server.db.article.count({ where: { title: "Many piers" } })).toBe(0);
    // Accepting 200 of them is allowed.
    const accept = Array.from({ length: 200 }, (_, i) => i);
    const { importArticle } = await server.ok(IMPORT, { input: { title: "Many piers", body, accept } }, keys.editor);
    expect(importArticle.article.id).toBeTruthy();
  });

  it("refuses a 51st translation of one article", async () => {
    const original = await server.db.article.findUniqueOrThrow({ where: { slug: SEED } });
    await server.db.article.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        slug: `caps-translation-${i}`,
        title: `T${i}`,
        body: "Text.",
        language: "fr",
        translationOfId: original.id,
      })),
    });
    const error = await server.fail(
      CREATE_ARTICLE,
      { input: { slug: "caps-translation-51", title: "T", body: "Text.", translationOf: { slug: SEED } } },
      keys.editor,
    );
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "translationOf", limit: 50 });
  });
});

describe("caps found by the red team", () => {
  it("renaming a source keeps its aliases within the cap", async () => {
    const CREATE = graphql(`mutation CapsCreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`);
    const UPDATE = graphql(`mutation CapsUpdateSource($input: UpdateSourceInput!) { updateSource(input: $input) { source { aliases } } }`);
    const { createSource } = await server.ok(
      CREATE,
      { input: { name: "Many Names", kind: "ORGANIZATION", aliases: Array.from({ length: 50 }, (_, i) => `Alias ${i}`) } },
      server.keys.editor,
    );
    const error = await server.fail(UPDATE, { input: { id: createSource.source.id, name: "Renamed" } }, server.keys.editor);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name", limit: 50 });
    const { source } = await server.ok(graphql(`query CapsSourceAliases($id: ID!) { source: node(id: $id) { ... on Source { aliases } } }`), {
      id: createSource.source.id,
    });
    expect(source && "aliases" in source ? source.aliases : undefined).toHaveLength(51);
  });

  it("refuses an appearance cursor beyond a 32-bit offset, on both backends", async () => {
    const cursor = Buffer.from(JSON.stringify(["TEXT_ORDER", "asc", "2147483648", "x"])).toString("base64url");
    const error = await server.fail(`query ($c: String) { article(slug: "${SEED}") { appearances(first: 2, after: $c) { totalCount } } }`, { c: cursor });
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});
