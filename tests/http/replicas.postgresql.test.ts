import { beforeAll, describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer, useTestDb } from "../setup/use.ts";

// DATABASE_REPLICA_URLS: reads go to a replica, mutations (and what they read
// back) to the primary. The "replica" here is a separate copy with a marker
// row, so the test can see which database answered.
const replica = useTestDb();
const server = useTestServer(() => ({ DATABASE_REPLICA_URLS: replica.url }));
const keys = server.keys;
beforeAll(async () => {
  await replica.db.source.create({ data: { slug: "replica-marker", name: "Replica Marker", kind: "ORGANIZATION" } });
});

describe("read replicas", () => {
  it("sends queries to the replica and mutations, with their reads, to the primary", async () => {
    expect((await server.ok(graphql(`query ReplicaMarker { source(slug: "replica-marker") { name } }`))).source).toEqual({ name: "Replica Marker" });
    expect(await server.db.source.findUnique({ where: { slug: "replica-marker" } })).toBeNull();

    // The mutation's payload reads its own write back from the primary.
    const { createSource } = await server.ok(
      graphql(`mutation ReplicaPrimaryOnly { createSource(input: { name: "Primary Only", kind: PERSON }) { source { slug aliases } } }`),
      {},
      keys.editor,
    );
    expect(createSource.source).toEqual({ slug: "primary-only", aliases: ["Primary Only"] });
    expect(await server.db.source.findUnique({ where: { slug: "primary-only" } })).not.toBeNull();
    // This replica never receives it: it is not replicating, which shows where reads go.
    expect((await server.ok(graphql(`query ReplicaPrimaryOnlyName { source(slug: "primary-only") { name } }`))).source).toBeNull();
  });
});
