import type { DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// Typed documents through graphql() (tests/generated): server.ok checks the
// variables and returns `data` as the document selects it. Documents cannot
// interpolate, so they spell out the seeded article's slug.
const server = useTestServer();
const keys = server.keys;
const SEED = "trump-xi-phone-call-2025-06-05";

const fail = (key: string, query: string | DocumentNode, variables: Record<string, unknown> = {}) => server.fail(query, variables, key);

const CREATE = graphql(`mutation ClaimWritesCreate($input: CreateClaimInput!) { createClaim(input: $input) { claim { id text cue claimedAt claimedAtPrecision
  claimant { slug } channel { slug } appearances { id quote start end article { slug body } } } } }`);

describe("claims and appearances", () => {
  let claimId: string;
  let appearanceIds: string[];

  it("createClaim anchors appearances in existing articles", async () => {
    const { createClaim } = await server.ok(
      CREATE,
      {
        input: {
          text: "The White House has not responded to requests for comment.",
          cue: "not respond",
          claimant: { alias: "White House", kind: "GOVERNMENT_BODY" },
          claimedAt: "2025-06-05T00:00:00Z",
          claimedAtPrecision: "DAY",
          appearances: [{ article: { slug: SEED }, quote: "The White House has yet to respond to requests for comments.", kind: "ASSERTION" }],
        },
      },
      keys.editor,
    );
    const claim = createClaim.claim;
    expect(claim.claimant!.slug).toBe("white-house");
    const a = claim.appearances[0]!;
    expect(a.article!.body.slice(a.start!, a.end!)).toBe(a.quote);
    claimId = claim.id;
    appearanceIds = [a.id];
  });

  it("addAppearance finds the quote, or takes an exact span", async () => {
    const { article } = await server.ok(graphql(`query ClaimWritesSeedBody { article(slug: "trump-xi-phone-call-2025-06-05") { body } }`), {}, keys.reader);
    const body = article!.body;
    const quote = "White House";
    const start = body.indexOf(quote);
    const { addAppearance } = await server.ok(
      graphql(
        `mutation ClaimWritesAddAppearance($input: AddAppearanceInput!) { addAppearance(input: $input) { appearance { id start end quote claim { id } } } }`,
      ),
      {
        input: { claim: claimId, article: { slug: SEED }, quote, start, end: start + quote.length, kind: "ASSERTION" },
      },
      keys.editor,
    );
    expect(addAppearance.appearance).toMatchObject({ start, end: start + quote.length, claim: { id: claimId } });
    appearanceIds.push(addAppearance.appearance.id);
    const error = await fail(
      keys.editor,
      graphql(`mutation ClaimWritesAddAppearanceId($input: AddAppearanceInput!) { addAppearance(input: $input) { appearance { id } } }`),
      {
        input: { claim: claimId, article: { slug: SEED }, quote, start: body.length - 2, end: body.length + 5, kind: "ASSERTION" },
      },
    );
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "start" });
  });

  it("updateClaim changes fields and clears the date with its precision", async () => {
    const { updateClaim } = await server.ok(
      graphql(
        `mutation ClaimWritesUpdate($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { text cue claimedAt claimedAtPrecision channel { slug } } } }`,
      ),
      {
        input: { id: claimId, cue: "decline to comment", claimedAt: null, channel: { slug: "cnbc" } },
      },
      keys.editor,
    );
    expect(updateClaim.claim).toEqual({
      text: "The White House has not responded to requests for comment.",
      cue: "decline to comment",
      claimedAt: null,
      claimedAtPrecision: null,
      channel: { slug: "cnbc" },
    });
    const error = await fail(keys.editor, graphql(`mutation ClaimWritesUpdateId($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { id } } }`), {
      input: { id: claimId, claimant: null },
    });
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "claimant" });
  });

  it("removeAppearance removes one span but refuses the last", async () => {
    const REMOVE = graphql(`mutation ClaimWritesRemoveAppearance($id: ID!) { removeAppearance(id: $id) { removedAppearanceId claim { appearances { id } } } }`);
    const { removeAppearance } = await server.ok(REMOVE, { id: appearanceIds[1]! }, keys.editor);
    expect(removeAppearance).toEqual({ removedAppearanceId: appearanceIds[1], claim: { appearances: [{ id: appearanceIds[0] }] } });
    expect((await fail(keys.editor, REMOVE, { id: appearanceIds[0] })).extensions).toMatchObject({ code: "CONFLICT" });
  });

  it("deleteClaim removes the claim and its appearances", async () => {
    const { deleteClaim } = await server.ok(
      graphql(`mutation ClaimWritesDelete($id: ID!) { deleteClaim(id: $id) { deletedClaimId deletedAppearanceIds } }`),
      { id: claimId },
      keys.admin,
    );
    expect(deleteClaim).toEqual({ deletedClaimId: claimId, deletedAppearanceIds: [appearanceIds[0]] });
    expect(
      await server.ok(graphql(`query ClaimWritesClaimAndNode($id: ID!) { claim(id: $id) { id } node(id: $id) { id } }`), { id: claimId }, keys.reader),
    ).toEqual({ claim: null, node: null });
    expect(
      (await fail(keys.admin, graphql(`mutation ClaimWritesDeleteAgain($id: ID!) { deleteClaim(id: $id) { deletedClaimId } }`), { id: claimId })).extensions!
        .code,
    ).toBe("NOT_FOUND");
  });

  it("createClaim names the failing appearance's article", async () => {
    const error = await fail(keys.editor, CREATE, {
      input: {
        text: "x",
        cue: "say",
        claimantDescription: "x",
        appearances: [
          { article: { slug: SEED }, quote: "Xi", occurrence: 0, kind: "ASSERTION" },
          { article: { slug: "missing" }, quote: "Xi", kind: "ASSERTION" },
        ],
      },
    });
    expect(error.extensions).toMatchObject({ code: "NOT_FOUND", field: "appearances[1].article.slug" });
  });
});

describe("audit trail", () => {
  it("records who did what to which objects, in the same transaction; failures record nothing", async () => {
    const before = await server.db.auditEvent.count();
    await fail(
      keys.editor,
      graphql(`mutation ClaimWritesCreateTakenSlug { createSource(input: { name: "X", kind: PERSON, slug: "cnbc" }) { source { id } } }`),
    );
    expect(await server.db.auditEvent.count()).toBe(before);

    const { createSource } = await server.ok(
      graphql(`mutation ClaimWritesCreateAuditedOrg { createSource(input: { name: "Audited Org", kind: ORGANIZATION }) { source { id } } }`),
      {},
      keys.editor,
    );
    const id = createSource.source.id;
    const { auditEvents } = await server.ok(
      graphql(
        `query ClaimWritesAuditOf($id: ID!) { auditEvents(first: 5, filter: { entityId: $id }) { totalCount edges { node { operation keyName keyId at entities { entityType entityId } } } } }`,
      ),
      { id },
      keys.admin,
    );
    expect(auditEvents.totalCount).toBe(1);
    const event = auditEvents.edges[0]!.node;
    expect(event).toMatchObject({ operation: "createSource", keyName: "editor key", entities: [{ entityType: "Source", entityId: id }] });
    expect(Date.now() - Date.parse(event.at)).toBeLessThan(60_000);
    const key = await server.db.apiKey.findFirstOrThrow({ where: { name: "editor key" } });
    expect(event.keyId).toBe(key.id);
  });

  it("lists newest first and filters by operation", async () => {
    const { auditEvents } = await server.ok(
      graphql(
        `query ClaimWritesClaimAudit { auditEvents(first: 100, filter: { operation: { in: ["createClaim", "deleteClaim"] } }) { edges { node { operation at } } } }`,
      ),
      {},
      keys.admin,
    );
    const ops = auditEvents.edges.map((e) => e.node.operation);
    expect(ops).toEqual(["deleteClaim", "createClaim"]);
    const times = auditEvents.edges.map((e) => e.node.at);
    expect(times).toEqual([...times].sort().reverse());
  });
});
