import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// Every row a mutation creates, changes or deletes appears in its audit event,
// side effects included (a source created for an alias, claims moved by a
// merge). Each mutation runs over HTTP; the database is compared before and
// after, and every difference must be named by the mutation's one new event.
// The mutations are typed documents through graphql() (tests/generated).

const server = useTestServer({ RATE_LIMIT_PER_KEY: "100000" });

type Snapshot = Map<string, string>;

/** Every entity row, keyed "Type:id"; rows that belong to an entity (bylines, aliases) count as that entity. */
async function snapshot(): Promise<Snapshot> {
  const { db } = server;
  const rows = new Map<string, unknown[]>();
  const add = (key: string, row: unknown) => rows.set(key, [...(rows.get(key) ?? []), row]);
  for (const row of await db.article.findMany()) add(`Article:${row.id}`, row);
  for (const row of await db.articleAuthor.findMany({ orderBy: { position: "asc" } })) add(`Article:${row.articleId}`, row);
  for (const row of await db.source.findMany()) add(`Source:${row.id}`, row);
  for (const row of await db.sourceAlias.findMany({ orderBy: { position: "asc" } }))
    add(`Source:${row.sourceId}`, { alias: row.alias, position: row.position });
  for (const row of await db.claim.findMany()) add(`Claim:${row.id}`, row);
  for (const row of await db.appearance.findMany()) add(`Appearance:${row.id}`, row);
  return new Map([...rows].map(([key, list]) => [key, JSON.stringify(list)]));
}

function changed(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort();
}

/** Runs a mutation and returns its typed data, the rows it changed, and the entities its audit event names. */
async function audited<R, V>(document: TypedDocumentNode<R, V>, variables: NoInfer<V>) {
  const before = await snapshot();
  const events = await server.db.auditEvent.count();
  const { body } = await server.query<R>(print(document), variables as Record<string, unknown>, { authorization: `Bearer ${server.keys.admin}` });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const rows = changed(before, await snapshot());
  expect(await server.db.auditEvent.count()).toBe(events + 1);
  const [event] = await server.db.auditEvent.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], take: 1, include: { entities: true } });
  const named = new Set(event!.entities.map((e) => `${e.entityType}:${e.entityId}`));
  return { data: body.data!, rows, missing: rows.filter((row) => !named.has(row)) };
}

const ids = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;

describe("audit completeness", () => {
  it("createArticle names the sources it created for aliases", async () => {
    const { rows, missing } = await audited(
      graphql(`mutation AuditCreateArticle($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }`),
      {
        input: {
          slug: "audit-created",
          title: "Audit",
          body: "Nova Agency said the harbour reopens.",
          publisher: { alias: "Audit Daily", kind: "NEWS_OUTLET" },
          authors: [{ alias: "Audit Writer", kind: "PERSON" }],
          claims: [
            {
              text: "The harbour reopens.",
              cue: "say",
              claimant: { alias: "Nova Agency", kind: "NEWS_AGENCY" },
              appearances: [{ quote: "Nova Agency said the harbour reopens.", kind: "REPORTED_SPEECH" }],
            },
          ],
        },
      },
    );
    expect(rows.filter((row) => row.startsWith("Source:"))).toHaveLength(3);
    expect(missing).toEqual([]);
  });

  it("importArticle names the sources it created", async () => {
    const { rows, missing } = await audited(
      graphql(`mutation AuditImportArticle($input: ImportArticleInput!) { importArticle(input: $input) { article { id } } }`),
      {
        input: {
          title: "Audit import",
          body: "Minister Ana Ruiz said the bridge stays shut, Reuters reported.",
          publisher: { alias: "Audit Gazette", kind: "NEWS_OUTLET" },
        },
      },
    );
    expect(rows.some((row) => row.startsWith("Source:"))).toBe(true);
    expect(missing).toEqual([]);
  });

  it("createClaim and updateClaim name the sources they created", async () => {
    const created = await audited(graphql(`mutation AuditCreateClaim($input: CreateClaimInput!) { createClaim(input: $input) { claim { id } } }`), {
      input: {
        text: "It reopens.",
        cue: "say",
        claimant: { alias: "Audit Claimant", kind: "PERSON" },
        channel: { alias: "Audit Radio", kind: "NEWS_OUTLET" },
        appearances: [{ article: { slug: "audit-created" }, quote: "the harbour reopens", kind: "ASSERTION" }],
      },
    });
    expect(created.missing).toEqual([]);
    const updated = await audited(graphql(`mutation AuditUpdateClaim($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { id } } }`), {
      input: { id: created.data.createClaim.claim.id, reportedBy: { alias: "Audit Wire", kind: "NEWS_AGENCY" } },
    });
    expect(updated.rows.some((row) => row.startsWith("Source:"))).toBe(true);
    expect(updated.missing).toEqual([]);
  });

  it("updateArticle names the spans it re-anchored and the sources it created", async () => {
    const { article } = await server.ok(graphql(`query AuditArticleVersion { article(slug: "audit-created") { id version } }`));
    const { missing } = await audited(graphql(`mutation AuditUpdateArticle($input: UpdateArticleInput!) { updateArticle(input: $input) { article { id } } }`), {
      input: {
        id: article!.id,
        version: article!.version,
        body: "Today, Nova Agency said the harbour reopens.",
        authors: [{ alias: "Second Writer", kind: "PERSON" }],
      },
    });
    expect(missing).toEqual([]);
  });

  it("createSource and updateSource name an affiliation created for an alias", async () => {
    const created = await audited(graphql(`mutation AuditCreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }`), {
      input: { name: "Audit Office", kind: "GOVERNMENT_BODY", affiliation: { alias: "Audit Ministry", kind: "GOVERNMENT_BODY" } },
    });
    expect(created.missing).toEqual([]);
    const updated = await audited(graphql(`mutation AuditUpdateSource($input: UpdateSourceInput!) { updateSource(input: $input) { source { id } } }`), {
      input: { id: created.data.createSource.source.id, affiliation: { alias: "Audit Cabinet", kind: "GOVERNMENT_BODY" } },
    });
    expect(updated.missing).toEqual([]);
  });

  it("mergeSources names every claim, article and source whose reference it moved", async () => {
    const { from, into } = await server.ok(
      graphql(`query AuditMergePair { from: source(slug: "audit-daily") { id } into: source(slug: "nova-agency") { id } }`),
    );
    // Give `from` a claim as channel, a member, and a byline too.
    await server.db.claim.updateMany({ where: { text: "It reopens." }, data: { channelId: ids(from!.id) } });
    await server.db.source.updateMany({ where: { slug: "audit-office" }, data: { affiliationId: ids(from!.id) } });
    const { rows, missing } = await audited(
      graphql(`mutation AuditMergeSources($from: ID!, $into: ID!) { mergeSources(from: $from, into: $into) { source { id } } }`),
      {
        from: from!.id,
        into: into!.id,
      },
    );
    expect(rows.some((row) => row.startsWith("Claim:"))).toBe(true);
    expect(rows.some((row) => row.startsWith("Article:"))).toBe(true);
    expect(missing).toEqual([]);
  });

  it("addAppearance, removeAppearance and deleteClaim name what they touch", async () => {
    const { claims } = await server.ok(
      graphql(`query AuditClaimToTouch { claims(first: 1, filter: { text: { equals: "It reopens." } }) { edges { node { id } } } }`),
    );
    const claim = claims.edges[0]!.node.id;
    const added = await audited(graphql(`mutation AuditAddAppearance($input: AddAppearanceInput!) { addAppearance(input: $input) { appearance { id } } }`), {
      input: { claim, article: { slug: "audit-created" }, quote: "Nova Agency", kind: "ASSERTION" },
    });
    expect(added.missing).toEqual([]);
    const removed = await audited(graphql(`mutation AuditRemoveAppearance($id: ID!) { removeAppearance(id: $id) { removedAppearanceId } }`), {
      id: added.data.addAppearance.appearance.id,
    });
    expect(removed.missing).toEqual([]);
    const deleted = await audited(graphql(`mutation AuditDeleteClaim($id: ID!) { deleteClaim(id: $id) { deletedClaimId } }`), { id: claim });
    expect(deleted.rows.some((row) => row.startsWith("Appearance:"))).toBe(true);
    expect(deleted.missing).toEqual([]);
  });

  it("importClaimReviews names the claim, its appearances and the sources it created, and what it added later", async () => {
    const IMPORT = graphql(`mutation AuditImportClaimReviews($input: ImportClaimReviewsInput!) { importClaimReviews(input: $input) { created updated } }`);
    const review = (appearance: string[]) => ({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: "https://audit.example/review",
      claimReviewed: "The audit import holds.",
      author: [
        { "@type": "Organization", name: "Audit Checkers" },
        { "@type": "Person", name: "Audit Checker" },
      ],
      reviewRating: { "@type": "Rating", alternateName: "False" },
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Person", name: "Audit Speaker", affiliation: { "@type": "Organization", name: "Audit Party" } },
        appearance,
      },
    });
    const created = await audited(IMPORT, { input: { document: review(["https://audit.example/speech"]) } });
    expect(created.data.importClaimReviews.created).toBe(1);
    expect(created.rows.filter((row) => row.startsWith("Source:"))).toHaveLength(4);
    expect(created.missing).toEqual([]);
    const updated = await audited(IMPORT, { input: { document: review(["https://audit.example/speech", "https://audit.example/interview"]) } });
    expect(updated.data.importClaimReviews.updated).toBe(1);
    expect(updated.rows.filter((row) => row.startsWith("Appearance:"))).toHaveLength(1);
    expect(updated.missing).toEqual([]);
  });

  it("deleteArticle names the article, its spans, the claims that went with it and the translations it unlinked", async () => {
    await server.ok(
      graphql(`mutation AuditCreateTranslation($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }`),
      { input: { slug: "audit-translation", title: "Traduction", body: "Texte.", language: "fr", translationOf: { slug: "audit-created" } } },
      server.keys.admin,
    );
    const { article } = await server.ok(graphql(`query AuditArticleToDelete { article(slug: "audit-created") { id } }`));
    const { missing } = await audited(graphql(`mutation AuditDeleteArticle($id: ID!) { deleteArticle(id: $id) { deletedArticleId } }`), { id: article!.id });
    expect(missing).toEqual([]);
  });
});
