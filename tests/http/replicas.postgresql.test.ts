import { createHash } from "node:crypto";

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

  it("sends a POST that carries only an automatic persisted query's hash to the primary: it may name a mutation", async () => {
    const query = "mutation ReplicaApq($name: String!) { createSource(input: { name: $name, kind: PERSON }) { source { slug } } }";
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") } };
    const send = async (body: Record<string, unknown>) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${keys.editor}` },
        body: JSON.stringify({ ...body, extensions }),
      });
      return (await response.json()) as { data?: unknown; errors?: unknown };
    };
    expect(await send({ query, variables: { name: "Apq Registered" } })).toEqual({ data: { createSource: { source: { slug: "apq-registered" } } } });
    expect(await send({ variables: { name: "Apq By Hash" } })).toEqual({ data: { createSource: { source: { slug: "apq-by-hash" } } } });
    expect(await server.db.source.findUnique({ where: { slug: "apq-by-hash" } })).not.toBeNull();
    expect(await replica.db.source.findUnique({ where: { slug: "apq-by-hash" } })).toBeNull();
  });
});
