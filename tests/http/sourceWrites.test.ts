import type { DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// Typed documents through graphql() (tests/generated): server.ok checks the
// variables and returns `data` as the document selects it.
const server = useTestServer();
const keys = server.keys;

const fail = (key: string, query: string | DocumentNode, variables: Record<string, unknown> = {}) => server.fail(query, variables, key);

const CREATE = graphql(
  `mutation SourceWritesCreate($input: CreateSourceInput!) { createSource(input: $input) { source { id slug name kind aliases affiliation { slug } url } } }`,
);
const UPDATE = graphql(
  `mutation SourceWritesUpdate($input: UpdateSourceInput!) { updateSource(input: $input) { source { id slug name role aliases affiliation { slug } } } }`,
);
const MERGE = graphql(`mutation SourceWritesMerge($from: ID!, $into: ID!) { mergeSources(from: $from, into: $into) { mergedSourceId source { id slug aliases
  claims(first: 100) { totalCount } channelClaims { totalCount } reportedClaims { totalCount } members(first: 100) { edges { node { slug } } } } } }`);
const idOf = async (slug: string) =>
  (await server.ok(graphql(`query SourceWritesIdOf($slug: String!) { source(slug: $slug) { id } }`), { slug }, keys.reader)).source!.id;

describe("createSource and updateSource", () => {
  it("creates a source with a derived slug and its name as the first alias", async () => {
    const { createSource } = await server.ok(
      CREATE,
      {
        input: {
          name: "Agence France-Presse",
          kind: "NEWS_AGENCY",
          aliases: ["AFP", "agence france-presse"],
          url: "https://www.afp.com/",
          affiliation: { slug: "us-government" },
        },
      },
      keys.editor,
    );
    expect(createSource.source).toMatchObject({
      slug: "agence-france-presse",
      aliases: ["Agence France-Presse", "AFP"],
      affiliation: { slug: "us-government" },
      url: "https://www.afp.com/",
    });
    const again = await server.ok(CREATE, { input: { name: "Agence France-Presse", kind: "NEWS_AGENCY" } }, keys.editor);
    expect(again.createSource.source.slug).toBe("agence-france-presse-2");
  });

  it("validates input, naming the field", async () => {
    expect((await fail(keys.editor, CREATE, { input: { name: "X", kind: "PERSON", url: "ftp://nope" } })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "url",
    });
    expect((await fail(keys.editor, CREATE, { input: { name: "X", kind: "PERSON", slug: "cnbc" } })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "slug",
    });
    expect((await fail(keys.editor, CREATE, { input: { name: "X", kind: "PERSON", aliases: [""] } })).extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "aliases",
    });
    expect((await fail(keys.editor, CREATE, { input: { name: "X", kind: "PERSON", affiliation: { slug: "nope" } } })).extensions).toMatchObject({
      code: "NOT_FOUND",
      field: "affiliation.slug",
    });
  });

  it("updates fields, clears with null, keeps the name among the aliases", async () => {
    const id = await idOf("pete-hegseth");
    const { updateSource } = await server.ok(UPDATE, { input: { id, name: "Peter Hegseth", role: null, aliases: ["Hegseth"] } }, keys.editor);
    expect(updateSource.source).toMatchObject({
      name: "Peter Hegseth",
      role: null,
      aliases: ["Peter Hegseth", "Hegseth"],
      affiliation: { slug: "us-government" },
    });
  });

  it("refuses affiliation cycles", async () => {
    const us = await idOf("us-government");
    const error = await fail(keys.editor, UPDATE, { input: { id: us, affiliation: { slug: "jamieson-greer" } } });
    expect(error.extensions).toMatchObject({ code: "CONFLICT", field: "affiliation" });
    const self = await fail(keys.editor, UPDATE, { input: { id: us, affiliation: { id: us } } });
    expect(self.extensions!.code).toBe("CONFLICT");
  });
});

describe("mergeSources", () => {
  it("moves every reference, keeps names as aliases, and the old id and slug resolve to the survivor", async () => {
    // A duplicate of Trump that took part in everything.
    const { createSource } = await server.ok(
      CREATE,
      { input: { name: "D. J. Trump", kind: "PERSON", aliases: ["DJT"], affiliation: { slug: "us-government" } } },
      keys.editor,
    );
    const dup = createSource.source;
    const trump = await idOf("donald-trump");
    await server.ok(CREATE, { input: { name: "Trump Campaign Staffer", kind: "PERSON", affiliation: { id: dup.id } } }, keys.editor);
    await server.ok(
      graphql(`mutation SourceWritesDupArticle($d: ID!) { createArticle(input: { slug: "dup-article", title: "Dup", body: "DJT posted. DJT relayed.",
      publisher: { id: $d }, authors: [{ id: $d }, { slug: "donald-trump" }],
      claims: [{ text: "DJT posted.", cue: "post", claimant: { id: $d }, channel: { id: $d }, appearances: [{ quote: "DJT posted.", kind: ASSERTION }] },
               { text: "DJT relayed.", cue: "say", claimantDescription: "someone", reportedBy: { id: $d }, appearances: [{ quote: "DJT relayed.", kind: ASSERTION }] }] }) { article { id } } }`),
      { d: dup.id },
      keys.editor,
    );
    const before = (
      await server.ok(graphql(`query SourceWritesClaimCount($id: ID!) { source(id: $id) { claims { totalCount } } }`), { id: trump }, keys.reader)
    ).source!.claims.totalCount;

    const { mergeSources } = await server.ok(MERGE, { from: dup.id, into: trump }, keys.admin);
    expect(mergeSources.mergedSourceId).toBe(dup.id);
    const merged = mergeSources.source;
    expect(merged.id).toBe(trump);
    expect(merged.claims.totalCount).toBe(before + 1);
    expect(merged.channelClaims.totalCount).toBe(1);
    expect(merged.reportedClaims.totalCount).toBe(1);
    expect(merged.members.edges.map((e) => e.node.slug)).toContain("trump-campaign-staffer");
    expect(merged.aliases).toEqual(expect.arrayContaining(["Donald Trump", "Trump", "D. J. Trump", "DJT"]));

    const { article } = await server.ok(
      graphql(`query SourceWritesDupArticleSources { article(slug: "dup-article") { publisher { id } authors { id } } }`),
      {},
      keys.reader,
    );
    expect(article!.publisher!.id).toBe(trump);
    expect(article!.authors).toEqual([{ id: trump }]); // both bylines collapse into one
    const { byId, bySlug, node } = await server.ok(
      graphql(`query SourceWritesOldIdAndSlug($id: ID!) { byId: source(id: $id) { slug } bySlug: source(slug: "d-j-trump") { slug } node(id: $id) { id } }`),
      { id: dup.id },
      keys.reader,
    );
    expect(byId).toEqual({ slug: "donald-trump" });
    expect(bySlug).toEqual({ slug: "donald-trump" });
    expect(node).toEqual({ id: trump });
    // The merged alias now connects to the survivor.
    const { createArticle } = await server.ok(
      graphql(
        `mutation SourceWritesMergedAlias { createArticle(input: { slug: "djt-2", title: "T", body: "DJT again.", claims: [{ text: "DJT again.", cue: "say", claimant: { alias: "djt" }, appearances: [{ quote: "DJT again.", kind: ASSERTION }] }] }) { article { claims { edges { node { claimant { id } } } } } } }`,
      ),
      {},
      keys.editor,
    );
    expect(createArticle.article.claims.edges[0]!.node.claimant!.id).toBe(trump);
  });

  it("refuses merging into itself or into a source affiliated with it in a cycle", async () => {
    const xi = await idOf("xi-jinping");
    expect((await fail(keys.admin, MERGE, { from: xi, into: xi })).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "into" });
    // Xi → China's government → Party. Merging the Party into Xi would move the
    // government's affiliation to Xi: Xi → government → Xi.
    const china = await idOf("china-government");
    const { updateSource } = await server.ok(UPDATE, { input: { id: china, affiliation: { alias: "The Party", kind: "ORGANIZATION" } } }, keys.editor);
    expect(updateSource.source.affiliation!.slug).toBe("the-party");
    const error = await fail(keys.admin, MERGE, { from: await idOf("the-party"), into: xi });
    expect(error.extensions).toMatchObject({ code: "CONFLICT", field: "into" });
    // Nothing moved.
    expect(
      (await server.ok(graphql(`query SourceWritesChinaAffiliation { source(slug: "china-government") { affiliation { slug } } }`), {}, keys.reader)).source,
    ).toEqual({
      affiliation: { slug: "the-party" },
    });
  });
});
