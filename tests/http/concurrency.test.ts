import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import type { NewClaimInput } from "../generated/graphql.ts";
import { type GraphQLResponse } from "../setup/testServer.ts";
import { useTestServer } from "../setup/use.ts";

// Invariants under concurrent writes, on both backends. Each round starts two
// writes at the same moment over real HTTP and then checks the database:
// SQLite's single writer protects these by itself; PostgreSQL holds them with
// row locks and an advisory lock, and runs a transaction that lost a race again.
// The mutations are typed documents through graphql() (tests/generated).

const server = useTestServer({ RATE_LIMIT_PER_KEY: "100000" });

const ROUNDS = 6;
/** Sends a typed document with its checked variables as the admin; the answer's `data` is typed, its errors are the test's to read. */
const send = <R, V>(document: TypedDocumentNode<R, V>, variables: NoInfer<V>) =>
  server.query<R>(print(document), variables as Record<string, unknown>, { authorization: `Bearer ${server.keys.admin}` });
const codes = (answers: GraphQLResponse<unknown>[]) => answers.flatMap((a) => (a.body.errors ?? []).map((e) => e.extensions?.code));
const rawId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;

const CREATE_ARTICLE = graphql(
  `mutation RaceCreateArticle($input: CreateArticleInput!) { createArticle(input: $input) { article { id claims { edges { node { id appearances { id } } } } } } }`,
);
const CREATE_SOURCE = graphql(`mutation RaceCreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { id slug } } }`);
const REMOVE = graphql(`mutation RaceRemoveAppearance($id: ID!) { removeAppearance(id: $id) { removedAppearanceId } }`);
const DELETE_ARTICLE = graphql(`mutation RaceDeleteArticle($id: ID!) { deleteArticle(id: $id) { deletedArticleId } }`);
const ADD = graphql(`mutation RaceAddAppearance($input: AddAppearanceInput!) { addAppearance(input: $input) { appearance { id } } }`);
const MERGE = graphql(`mutation RaceMergeSources($from: ID!, $into: ID!) { mergeSources(from: $from, into: $into) { source { id } } }`);
const CREATE_CLAIM = graphql(`mutation RaceCreateClaim($input: CreateClaimInput!) { createClaim(input: $input) { claim { id } } }`);
const UPDATE_SOURCE = graphql(`mutation RaceUpdateSource($input: UpdateSourceInput!) { updateSource(input: $input) { source { id } } }`);

async function article(slug: string, body: string, claims: NewClaimInput[] = []) {
  const { body: answer } = await send(CREATE_ARTICLE, { input: { slug, title: slug, body, claims } });
  expect(answer.errors).toBeUndefined();
  return answer.data!.createArticle.article;
}

async function source(name: string) {
  const { body: answer } = await send(CREATE_SOURCE, { input: { name, kind: "ORGANIZATION" } });
  expect(answer.errors).toBeUndefined();
  return answer.data!.createSource.source;
}

const sayIt = (quotes: string[]): NewClaimInput[] => [
  { text: "It holds.", cue: "say", claimantDescription: "Ann", appearances: quotes.map((quote) => ({ quote, kind: "REPORTED_SPEECH" })) },
];

describe("concurrent writes keep every invariant", () => {
  it("a claim keeps at least one appearance when two removals race", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const created = await article(`race-remove-${round}`, "Ann said one. Ann said two.", sayIt(["Ann said one.", "Ann said two."]));
      const claim = created.claims.edges[0]!.node;
      const answers = await Promise.all(claim.appearances.map((a) => send(REMOVE, { id: a.id })));
      expect(await server.db.appearance.count({ where: { claimId: rawId(claim.id) } })).toBe(1);
      expect(answers.filter((a) => !a.body.errors)).toHaveLength(1);
      expect(codes(answers)).toEqual(["CONFLICT"]);
    }
  });

  it("an acknowledged addAppearance survives a racing deleteArticle of the claim's only article", async () => {
    const other = await article("race-delete-other", "Ann said it again.");
    for (let round = 0; round < ROUNDS; round++) {
      const created = await article(`race-delete-${round}`, "Ann said it.", sayIt(["Ann said it."]));
      const claimId = created.claims.edges[0]!.node.id;
      const [added] = await Promise.all([
        send(ADD, { input: { claim: claimId, article: { id: other.id }, quote: "Ann said it again.", kind: "REPORTED_SPEECH" } }),
        send(DELETE_ARTICLE, { id: created.id }),
      ]);
      expect(codes([added]).filter((code) => code !== "NOT_FOUND" && code !== "CONFLICT")).toEqual([]);
      if (!added.body.errors) {
        const id = rawId(added.body.data!.addAppearance.appearance.id);
        expect(await server.db.appearance.findUnique({ where: { id } }), `round ${round}: acknowledged, then lost`).not.toBeNull();
      }
      // Whatever won, no claim is left without an appearance.
      expect(await server.db.claim.count({ where: { appearances: { none: {} } } })).toBe(0);
    }
  });

  it("a claim created for a source that is being merged keeps a claimant", async () => {
    await article("race-merge-article", "Org said it.");
    for (let round = 0; round < ROUNDS; round++) {
      const [from, into] = [await source(`Merged Org ${round}`), await source(`Surviving Org ${round}`)];
      const [merged, created] = await Promise.all([
        send(MERGE, { from: from.id, into: into.id }),
        send(CREATE_CLAIM, {
          input: {
            text: `Claim ${round}.`,
            cue: "say",
            claimant: { id: from.id },
            appearances: [{ article: { slug: "race-merge-article" }, quote: "Org said it.", kind: "ASSERTION" }],
          },
        }),
      ]);
      expect(merged.body.errors).toBeUndefined();
      expect(codes([created]).filter((code) => code !== "CONFLICT")).toEqual([]);
      if (!created.body.errors) {
        const claim = await server.db.claim.findUnique({ where: { id: rawId(created.body.data!.createClaim.claim.id) } });
        expect(claim?.claimantId, `round ${round}: the claim lost its claimant`).toBe(rawId(into.id));
      }
    }
    expect(await server.db.claim.count({ where: { claimantId: null, claimantDescription: null } })).toBe(0);
  });

  it("symmetric merges end with one survivor, the other answered with CONFLICT", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = [await source(`Left ${round}`), await source(`Right ${round}`)];
      const answers = await Promise.all([send(MERGE, { from: a.id, into: b.id }), send(MERGE, { from: b.id, into: a.id })]);
      expect(answers.filter((x) => !x.body.errors)).toHaveLength(1);
      expect(codes(answers)).toEqual(["CONFLICT"]);
      expect(await server.db.source.count({ where: { id: { in: [rawId(a.id), rawId(b.id)] } } })).toBe(1);
    }
  });

  it("affiliations never form a cycle when two updates race", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = [await source(`Parent ${round}`), await source(`Child ${round}`)];
      const answers = await Promise.all([
        send(UPDATE_SOURCE, { input: { id: a.id, affiliation: { id: b.id } } }),
        send(UPDATE_SOURCE, { input: { id: b.id, affiliation: { id: a.id } } }),
      ]);
      expect(codes(answers)).toEqual(["CONFLICT"]);
      const rows = await server.db.source.findMany({ where: { id: { in: [rawId(a.id), rawId(b.id)] } }, select: { id: true, affiliationId: true } });
      expect(
        rows.filter((row) => row.affiliationId !== null),
        `round ${round}: a cycle was committed`,
      ).toHaveLength(1);
    }
  });
});
