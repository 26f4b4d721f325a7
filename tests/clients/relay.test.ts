import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

import {
  type ConcreteRequest,
  createOperationDescriptor,
  Environment,
  type FetchFunction,
  fetchQuery,
  getSelector,
  type GraphQLResponse,
  Network,
  type ReaderFragment,
  RecordSource,
  Store,
} from "relay-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { graphql } from "../generated/gql.ts";
import { useTestServer } from "../setup/use.ts";

// Relay: the Relay compiler (its native binary, from the relay-compiler npm
// package, offline) compiles the fragments in tests/clients/relay/ — a
// connection with @connection, paged through the @refetchable query that goes
// through Query.node — against the committed schema.graphql, with
// tests/clients/relay/relay.config.json. relay-runtime then runs what it
// generated against the live server. The compiler also persists each
// operation (persistConfig, SHA-256 ids) into a manifest that
// PERSISTED_OPERATIONS_FILE takes as it is.

const RELAY_DIR = join(import.meta.dirname, "relay");
const ROOT = resolve(import.meta.dirname, "../..");
const SLUG = "trump-xi-phone-call-2025-06-05";

const work = mkdtempSync(join(tmpdir(), "claimgraph-relay-"));
const artifacts = join(work, "__generated__");
const manifestFile = join(work, "persisted-queries.json");

type Compiled = { query: ConcreteRequest; claims: ReaderFragment; pagination: ConcreteRequest; claim: ReaderFragment; claimRefetch: ConcreteRequest };
let compiled: Compiled | undefined;
let compilerOutput = "";

/** Runs the Relay compiler as a child process on the committed config, its output going to the temp dir. */
beforeAll(async () => {
  const committed = JSON.parse(readFileSync(join(RELAY_DIR, "relay.config.json"), "utf8")) as Record<string, unknown>;
  const config = {
    ...committed,
    // Paths made absolute, since this config lives in the temp dir; artifacts and the manifest go there too.
    src: RELAY_DIR,
    schema: join(ROOT, "schema.graphql"),
    artifactDirectory: artifacts,
    persistConfig: { file: manifestFile, algorithm: "SHA256", include_query_text: true },
  };
  mkdirSync(artifacts);
  writeFileSync(manifestFile, "{}"); // The compiler adds to an existing file.
  writeFileSync(join(work, "relay.config.json"), JSON.stringify(config, null, 2));
  const cli = createRequire(import.meta.url).resolve("relay-compiler/cli.js");
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, join(work, "relay.config.json")], { cwd: work, timeout: 60_000 });
  compilerOutput = stdout + stderr;
  const load = async <T>(name: string) => ((await import(join(artifacts, `${name}.graphql.ts`))) as { default: T }).default;
  compiled = {
    query: await load<ConcreteRequest>("RelayArticleQuery"),
    claims: await load<ReaderFragment>("RelayArticle_claims"),
    pagination: await load<ConcreteRequest>("RelayArticleClaimsPaginationQuery"),
    claim: await load<ReaderFragment>("RelayClaim_claim"),
    claimRefetch: await load<ConcreteRequest>("RelayClaimRefetchQuery"),
  };
}, 90_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const relay = () => compiled!;

/** A Relay environment whose network posts each operation as `send` builds the body. */
function environment(url: () => string, send: (params: { id?: string | null; text?: string | null }) => Record<string, unknown>) {
  const fetchFn: FetchFunction = async (params, variables) => {
    const response = await fetch(`${url()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...send(params), operationName: params.name, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  return new Environment({ network: Network.create(fetchFn), store: new Store(new RecordSource()) });
}

type ClaimsData = {
  claims: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
};
type ClaimData = { id: string; text: string; cue: string; claimant: { name: string } | null };

const DirectClaims = graphql(`
  query RelayDirectClaims($slug: String!, $first: Int!) {
    article(slug: $slug) {
      claims(first: $first, orderBy: { field: CLAIMED_AT, direction: DESC }) { edges { node { id text cue claimant { name } } } }
    }
  }
`);

/** What Relay's store holds for the article's connection, through the compiled fragment, after a query and a page. */
async function pageThrough(env: Environment) {
  const { query, claims, pagination } = relay();
  const data = (await fetchQuery(env, query, { slug: SLUG }).toPromise()) as { article: { id: string; title: string } };
  const article = env.lookup(createOperationDescriptor(query, { slug: SLUG }).fragment).data as { article: object };
  const read = () => env.lookup(getSelector(claims, article.article) as Parameters<Environment["lookup"]>[0]).data as ClaimsData;
  const firstPage = read();
  // The next page through the @refetchable query (node(id:)); Relay's connection handler appends it.
  await fetchQuery(env, pagination, { id: data.article.id, count: 3, cursor: firstPage.claims.pageInfo.endCursor }).toPromise();
  return { data, firstPage, merged: read() };
}

describe("Relay, compiled by the Relay compiler", () => {
  const server = useTestServer();

  it("compiles the fragments against schema.graphql without a schema problem", () => {
    expect(compilerOutput).toMatch(/Compilation completed/);
    expect(compilerOutput).not.toMatch(/ERROR|WARN/);
    expect(Object.keys(JSON.parse(readFileSync(manifestFile, "utf8")))).toHaveLength(3);
  });

  it("runs the generated query with relay-runtime, and pages the @connection through the @refetchable query", async () => {
    const env = environment(
      () => server.url,
      (params) => ({ query: params.text }),
    );
    const { data, firstPage, merged } = await pageThrough(env);
    expect(data.article.title).toMatch(/Trump/);
    expect(firstPage.claims.edges).toHaveLength(3);
    expect(firstPage.claims.pageInfo.hasNextPage).toBe(true);
    const direct = await server.ok(DirectClaims, { slug: SLUG, first: 6 });
    expect(merged.claims.edges.map((e) => e.node.id)).toEqual(direct.article!.claims.edges.map((e) => e.node.id));
    expect(merged.claims.totalCount).toBeGreaterThan(6);

    // A claim's own @refetchable query, by its global id through Query.node.
    const { claim, claimRefetch } = relay();
    const id = merged.claims.edges[4]!.node.id;
    const refetched = (await fetchQuery(env, claimRefetch, { id }).toPromise()) as { node: object };
    const claimData = env.lookup(getSelector(claim, refetched.node) as Parameters<Environment["lookup"]>[0]).data as ClaimData;
    const expected = direct.article!.claims.edges[4]!.node;
    expect(claimData).toMatchObject({ id, text: expected.text, cue: expected.cue, claimant: expected.claimant });
  });
});

describe("Relay's persisted queries as the PERSISTED_OPERATIONS=only manifest", () => {
  const server = useTestServer(() => ({ PERSISTED_OPERATIONS: "only", PERSISTED_OPERATIONS_FILE: manifestFile }));

  it("runs Relay's operations by their ids (documentId), and refuses their text", async () => {
    const byId = environment(
      () => server.url,
      (params) => ({ documentId: params.id }),
    );
    const { data, merged } = await pageThrough(byId);
    expect(data.article.title).toMatch(/Trump/);
    expect(merged.claims.edges).toHaveLength(6);

    const byText = environment(
      () => server.url,
      (params) => ({ query: params.text }),
    );
    await expect(fetchQuery(byText, relay().query, { slug: SLUG }).toPromise()).rejects.toThrow(
      /No data returned for operation `RelayArticleQuery`.*runs only its persisted operations/s,
    );
  });
});
