import { beforeAll, describe, expect, it } from "vitest";

import { useTestServer } from "../setup/use.ts";

// Hostile requests, in production mode. Each one must get a clear 4xx or a
// GraphQL error with a stable code, or (for legal but nasty input) a correct,
// harmless result; never a 500, a stack trace or an internal message; and the
// server must answer /healthz afterwards.

// The rate limit is not under test here, and the event-loop cases cost many requests each.
const server = useTestServer({ NODE_ENV: "production", RATE_LIMIT_PER_IP: "100000" });

const STABLE_CODES = new Set([
  "RESPONSE_TOO_LARGE",
  "QUERY_TIMEOUT",
  "EXTRACTION_BUSY",
  "BAD_USER_INPUT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "CONFLICT",
  "PERSISTED_QUERY_NOT_FOUND",
]);
const INTERNALS = /\bat \S+ \(|node_modules|prisma|SQLITE|postgres|stack|Internal server error/i;

type Outcome = "refused" | "harmless";
type Case = [name: string, outcome: Outcome, send: () => Promise<Response>];

const raw =
  (body: string | Buffer, contentType = "application/json", extra: Record<string, string> = {}) =>
  () =>
    fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": contentType, ...extra }, body: body as string });
// "KEY" and "CLAIM" stand for the editor key and a real claim id, known only once the server runs.
let claimId = "";
const gql = (query: string, variables?: unknown, key?: string) => () => {
  const body = JSON.stringify({ query, variables }).replaceAll('"CLAIM"', JSON.stringify(claimId));
  return raw(body, "application/json", key ? { authorization: `Bearer ${server.keys.editor}` } : {})();
};
const idOf = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64url");
const deep = (n: number) => `{ sources { edges { node { ${"affiliation { ".repeat(n)}name${" }".repeat(n)} } } } }`;
const CLAIMS = `query ($f: ClaimFilter) { claims(first: 5, filter: $f) { totalCount edges { node { id } } } }`;
const SEARCH = `query ($q: String!) { search(query: $q) { totalCount } }`;
const ADD = `mutation ($input: AddAppearanceInput!) { addAppearance(input: $input) { appearance { id } } }`;
const CREATE = `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }`;

const SEED = "trump-xi-phone-call-2025-06-05";
/** `article → appearances → article → …`, `levels` deep, ending in `leaf`. */
const chain = (levels: number, leaf = "body") => {
  let inner = leaf;
  for (let i = 0; i < levels; i++) inner = `appearances { edges { node { article { ${inner} } } } }`;
  return `{ article(slug: "${SEED}") { ${inner} } }`;
};
const articleId = Buffer.from("Article:seed").toString("base64url");
const nestedQuotes = (n: number) => {
  let text = "";
  for (let i = 0; text.length < n; i++) text += `Ana Ruiz said ${i % 2 ? "'" : '"'}Tom Alvarez said the port ${i} reopens `;
  return text.slice(0, n);
};
const relationChain = `{ claims(first: 5, filter: { article: { claim: { article: { claim: { claimant: { kind: { equals: PERSON } } } } } } }) { totalCount } }`;
const orBranches = (n: number) =>
  `{ claims(first: 5, filter: { OR: [${Array.from({ length: n }, (_, i) => `{ article: { claim: { claimant: { slug: { equals: "s${i}" } } } } }`).join(", ")}] }) { totalCount } }`;

const cases: Record<string, Case[]> = {
  amplification: [
    ["appearances → article → appearances, three levels to the body", "refused", gql(chain(3))],
    ["appearances → article, two levels to the body", "harmless", gql(chain(2))],
    [
      "nodes with 100 copies of one id",
      "harmless",
      gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { appearances(first: 100) { edges { node { article { body } } } } } } }`, {
        ids: Array(100).fill(articleId),
      }),
    ],
    [
      "every claim's appearances, each with its article's claims",
      "refused",
      gql(`{ claims(first: 100) { edges { node { appearances { article { claims(first: 20) { edges { node { text } } } } } } } } }`),
    ],
    [
      "translations of translations of translations",
      "refused",
      gql(`{ articles(first: 100) { edges { node { translations { translations { translations { body } } } } } } }`),
    ],
    ["authors' claims under every article", "refused", gql(`{ articles(first: 100) { edges { node { authors { claims(first: 100) { totalCount } } } } } }`)],
  ],
  "the event loop": [
    [
      "extraction of 199,000 characters of nested quotes",
      "harmless",
      gql(`query ($t: String!) { extractClaims(text: $t) { index } }`, { t: nestedQuotes(199_000) }),
    ],
    [
      "three aliases of extraction on 60,000 characters each",
      "harmless",
      gql(`query ($t: String!) { a: extractClaims(text: $t) { index } b: extractClaims(text: $t) { index } c: extractClaims(text: $t) { index } }`, {
        t: nestedQuotes(60_000),
      }),
    ],
    ["a relation filter four hops deep", "refused", gql(relationChain)],
    ["100 OR'd relation branches", "refused", gql(orBranches(100))],
    [
      "20 OR'd relation branches three hops deep, in five aliases",
      "refused",
      gql(`{ ${Array.from({ length: 5 }, (_, i) => `a${i}: ${orBranches(20).slice(2, -2)}`).join(" ")} }`),
    ],
    [
      "a relation filter three hops deep",
      "harmless",
      gql(`{ claims(first: 5, filter: { article: { claim: { claimant: { kind: { equals: PERSON } } } } }) { totalCount } }`),
    ],
  ],
  "malformed JSON and the wrong content type": [
    ["truncated JSON", "refused", raw('{"query": "{ articles { totalCount } }"')],
    ["JSON with a trailing comma", "refused", raw('{"query": "{ __typename }",}')],
    ["a JSON string, not an object", "refused", raw('"{ articles { totalCount } }"')],
    ["text/plain", "refused", raw('{"query":"{ __typename }"}', "text/plain")],
    ["form-encoded", "refused", raw("query=%7B__typename%7D", "application/x-www-form-urlencoded")],
    ["XML", "refused", raw("<query>{ __typename }</query>", "application/xml")],
    ["query is a number", "refused", raw('{"query": 42}')],
  ],
  "an empty body": [
    ["zero bytes", "refused", raw("")],
    ["an empty object", "refused", raw("{}")],
    ["an empty query", "refused", raw('{"query": ""}')],
    ["whitespace only", "refused", raw("   \n ")],
    ["null", "refused", raw("null")],
  ],
  "huge strings, deep nesting and alias bombs": [
    ["a body over the size limit", "refused", raw(JSON.stringify({ query: `{ search(query: "${"a".repeat(2_000_000)}") { totalCount } }` }))],
    ["a 100k-character search string", "refused", gql(SEARCH, { q: "x".repeat(100_000) })],
    ["nesting 40 deep", "refused", gql(deep(40))],
    ["100 aliases", "refused", gql(`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: articles { totalCount }`).join(" ")} }`)],
    [
      "aliases of nested connections",
      "refused",
      gql(
        `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: claims(first: 100) { edges { node { articles(first: 100) { edges { node { claims(first: 100) { totalCount } } } } } } }`).join(" ")} }`,
      ),
    ],
    ["a 150k-character filter value", "refused", gql(CLAIMS, { f: { text: { in: ["y".repeat(150_000), ...Array(200).fill("z")] } } })],
  ],
  "fragment cycles": [
    ["a fragment that spreads itself", "refused", gql(`{ sources { edges { node { ...F } } } } fragment F on Source { affiliation { ...F } }`)],
    [
      "two fragments spreading each other",
      "refused",
      gql(`{ sources { edges { node { ...A } } } } fragment A on Source { affiliation { ...B } } fragment B on Source { affiliation { ...A } }`),
    ],
    [
      "a cycle through a connection",
      "refused",
      gql(`{ claims { edges { node { ...C } } } } fragment C on Claim { claimant { claims { edges { node { ...C } } } } }`),
    ],
    [
      "a three-fragment cycle",
      "refused",
      gql(`{ node(id: "x") { ...A } } fragment A on Node { ...B } fragment B on Node { ...C } fragment C on Node { ...A }`),
    ],
    ["an unknown fragment", "refused", gql(`{ sources { edges { node { ...Missing } } } }`)],
  ],
  "invalid global IDs and cursors": [
    ["node with garbage", "refused", gql(`{ node(id: "!!!") { id } }`)],
    ["a base64 id of an unknown type", "refused", gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: idOf("User", "1") })],
    ["an article id used as a claim id", "refused", gql(`query ($id: ID!) { claim(id: $id) { id } }`, { id: idOf("Article", "1") })],
    ["a cursor that is not base64 JSON", "refused", gql(`{ claims(after: "%%%") { totalCount } }`)],
    [
      "a forged cursor",
      "refused",
      gql(`query ($c: String) { claims(after: $c) { totalCount } }`, { c: Buffer.from('["CLAIMED_AT","asc",{"$gt":1},"x"]').toString("base64url") }),
    ],
    [
      "a search cursor used for a list",
      "refused",
      gql(`query ($c: String) { articles(after: $c) { totalCount } }`, { c: Buffer.from('["search",1,"Claim:x"]').toString("base64url") }),
    ],
    ["an id that does not exist", "harmless", gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: idOf("Claim", "nope") })],
  ],
  "negative or huge first": [
    ["first: -1", "refused", gql(`{ claims(first: -1) { totalCount } }`)],
    ["first: 0", "refused", gql(`{ articles(first: 0) { totalCount } }`)],
    ["first: 101", "refused", gql(`{ sources(first: 101) { totalCount } }`)],
    ["first: 2^31", "refused", gql(`{ claims(first: 2147483648) { totalCount } }`)],
    ["first as a variable: 1e9", "refused", gql(`query ($n: Int) { claims(first: $n) { totalCount } }`, { n: 1_000_000_000 })],
    ["last: -5 on a nested connection", "refused", gql(`{ sources { edges { node { claims(last: -5) { totalCount } } } } }`)],
    ["search first: 1000", "refused", gql(`{ search(query: "xinhua", first: 1000) { totalCount } }`)],
  ],
  "invalid UTF-8 and lone surrogates": [
    [
      "invalid UTF-8 bytes in a search",
      "harmless",
      raw(Buffer.concat([Buffer.from('{"query":"{ search(query: \\"xin'), Buffer.from([0xff, 0xfe]), Buffer.from('hua\\") { totalCount } }"}')])),
    ],
    [
      "invalid UTF-8 in the query text",
      "refused",
      raw(Buffer.concat([Buffer.from('{"query":"{ art'), Buffer.from([0xc3, 0x28]), Buffer.from('icles { totalCount } }"}')])),
    ],
    // Both backends would store a lone surrogate as U+FFFD: text would no longer be what was sent.
    ["a lone high surrogate in a filter", "refused", gql(CLAIMS, { f: { text: { contains: "\ud800" } } })],
    ["a lone low surrogate in a search", "refused", gql(SEARCH, { q: "china \udc00" })],
    ["a lone surrogate in a slug", "refused", gql(`query ($s: String!) { article(slug: $s) { id } }`, { s: "trump\ud83d" })],
    ["a lone surrogate in a string literal", "refused", gql(`{ search(query: "china \\udc00") { totalCount } }`)],
    ["a whole emoji in a search", "harmless", gql(SEARCH, { q: "china \ud83d\ude00" })],
    ["a lone surrogate in a new article's slug", "refused", gql(CREATE, { input: { slug: "a\ud800", title: "T", body: "B" } }, "KEY")],
  ],
  "NUL characters": [
    ["NUL in a slug", "refused", gql(`query ($s: String!) { article(slug: $s) { id } }`, { s: "trump\u0000" })],
    ["NUL in a filter", "refused", gql(CLAIMS, { f: { cue: { equals: "say\u0000" } } })],
    ["NUL in an id", "refused", gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: Buffer.from("Claim:a\u0000b").toString("base64url") })],
    [
      "NUL in a cursor",
      "refused",
      gql(`query ($c: String) { sources(after: $c) { totalCount } }`, { c: Buffer.from('["NAME","asc","a\\u0000","x"]').toString("base64url") }),
    ],
    ["NUL in a new article's body", "refused", gql(CREATE, { input: { slug: "nul-body", title: "T", body: "B\u0000" } }, "KEY")],
    ["NUL in a string literal", "refused", gql(`{ article(slug: "a\\u0000b") { id } }`)],
  ],
  "forged cursors and over-deep input": [
    [
      "a null value for a required sort key",
      "refused",
      gql(`query ($c: String) { sources(after: $c) { totalCount } }`, { c: Buffer.from('["NAME","asc",null,"x"]').toString("base64url") }),
    ],
    [
      "a year -271821 date",
      "refused",
      gql(`query ($c: String) { claims(after: $c) { totalCount } }`, {
        c: Buffer.from('["CLAIMED_AT","asc","-271821-04-20T00:00:00.000Z","x"]').toString("base64url"),
      }),
    ],
    [
      "a number for the id",
      "refused",
      gql(`query ($c: String) { claims(after: $c) { totalCount } }`, { c: Buffer.from('["CLAIMED_AT","asc",null,7]').toString("base64url") }),
    ],
    [
      "an OR of 10 in-lists of 100 values each (the limits)",
      "harmless",
      gql(CLAIMS, { f: { OR: Array.from({ length: 10 }, (_, i) => ({ cue: { in: Array.from({ length: 100 }, (_, j) => `cue-${i}-${j}`) } })) } }),
    ],
    ["an OR of 21 in-lists", "refused", gql(CLAIMS, { f: { OR: Array.from({ length: 21 }, (_, i) => ({ cue: { in: [`cue-${i}`] } })) } })],
    [
      "20 operands of six 100-value in-lists each (44,000 parameters)",
      "refused",
      gql(CLAIMS, {
        f: {
          OR: Array.from({ length: 20 }, (_, i) => ({
            text: { in: Array.from({ length: 100 }, (_, j) => `t${i}-${j}`) },
            cue: { in: Array.from({ length: 100 }, (_, j) => `c${i}-${j}`) },
            claimant: { slug: { in: Array.from({ length: 100 }, (_, j) => `s${i}-${j}`) } },
            channel: { slug: { in: Array.from({ length: 100 }, (_, j) => `h${i}-${j}`) } },
            reportedBy: { slug: { in: Array.from({ length: 100 }, (_, j) => `r${i}-${j}`) } },
            article: { slug: { in: Array.from({ length: 100 }, (_, j) => `a${i}-${j}`) } },
          })),
        },
      }),
    ],
    ["a backslash at the end of endsWith", "harmless", gql(CLAIMS, { f: { text: { endsWith: "\\" } } })],
    ["a backslash inside contains", "harmless", gql(CLAIMS, { f: { text: { contains: "a\\b" } } })],
    ["a filter nested 1,000 deep in variables", "refused", gql(CLAIMS, { f: JSON.parse(`${'{"NOT":'.repeat(1_000)}{}${"}".repeat(1_000)}`) })],
    [
      "a list nested 5,000 deep in variables",
      "refused",
      raw(`{"query": ${JSON.stringify(SEARCH)}, "variables": {"q": ${"[".repeat(5_000)}${"]".repeat(5_000)}}}`),
    ],
  ],
  "SQL- and FTS-looking strings in filters and search": [
    ["SQL injection in equals", "harmless", gql(CLAIMS, { f: { cue: { equals: "' OR '1'='1" } } })],
    ["a statement terminator in startsWith", "harmless", gql(CLAIMS, { f: { text: { startsWith: '\'; DROP TABLE "Claim"; --' } } })],
    ["LIKE wildcards", "refused", gql(CLAIMS, { f: { text: { contains: "%" } } })],
    ["FTS5 operators", "harmless", gql(SEARCH, { q: "xinhua NEAR(trump) OR -china" })],
    ["an FTS column filter", "harmless", gql(SEARCH, { q: "content:xinhua" })],
    ["tsquery syntax", "harmless", gql(SEARCH, { q: "xin:* & !hua | (trump <-> xi)" })],
    ["only operators", "refused", gql(SEARCH, { q: '* - ( ) " :' })],
  ],
  "spans out of range": [
    [
      "start beyond the body",
      "refused",
      gql(
        ADD,
        { input: { claim: "CLAIM", article: { slug: "trump-xi-phone-call-2025-06-05" }, quote: "Xi", start: 999_999, end: 1_000_001, kind: "ASSERTION" } },
        "KEY",
      ),
    ],
    [
      "negative start",
      "refused",
      gql(ADD, { input: { claim: "CLAIM", article: { slug: "trump-xi-phone-call-2025-06-05" }, quote: "Xi", start: -3, end: -1, kind: "ASSERTION" } }, "KEY"),
    ],
    [
      "end before start",
      "refused",
      gql(ADD, { input: { claim: "CLAIM", article: { slug: "trump-xi-phone-call-2025-06-05" }, quote: "Xi", start: 10, end: 5, kind: "ASSERTION" } }, "KEY"),
    ],
    [
      "a span that is not the quote",
      "refused",
      gql(ADD, { input: { claim: "CLAIM", article: { slug: "trump-xi-phone-call-2025-06-05" }, quote: "Xi", start: 0, end: 2, kind: "ASSERTION" } }, "KEY"),
    ],
    [
      "occurrence beyond the repeats",
      "refused",
      gql(ADD, { input: { claim: "CLAIM", article: { slug: "trump-xi-phone-call-2025-06-05" }, quote: "Xi", occurrence: 500, kind: "ASSERTION" } }, "KEY"),
    ],
    [
      "start 2^31",
      "refused",
      gql(
        ADD,
        { input: { claim: "CLAIM", article: { slug: "trump-xi-phone-call-2025-06-05" }, quote: "Xi", start: 2147483648, end: 2147483650, kind: "ASSERTION" } },
        "KEY",
      ),
    ],
  ],
  "dates far out of range": [
    ["year 275760 in a filter", "refused", gql(CLAIMS, { f: { claimedAt: { gt: "+275760-09-13T00:00:00.000Z" } } })],
    ["year 0 in a filter", "refused", gql(CLAIMS, { f: { claimedAt: { gt: "0000-01-01T00:00:00Z" } } })],
    ["year 1 in a filter", "harmless", gql(CLAIMS, { f: { claimedAt: { gt: "0001-01-01T00:00:00Z" } } })],
    ["a month 13", "refused", gql(CLAIMS, { f: { claimedAt: { lt: "2025-13-01T00:00:00Z" } } })],
    ["a publication in 9999", "refused", gql(CREATE, { input: { slug: "far-future", title: "T", body: "B", publishedAt: "9999-12-31T23:59:59Z" } }, "KEY")],
    [
      "a claim in year 1",
      "refused",
      gql(
        CREATE,
        {
          input: {
            slug: "far-past",
            title: "T",
            body: "B",
            claims: [
              {
                text: "t",
                cue: "say",
                claimantDescription: "x",
                claimedAt: "0001-01-01T00:00:00Z",
                claimedAtPrecision: "YEAR",
                appearances: [{ quote: "B", kind: "ASSERTION" }],
              },
            ],
          },
        },
        "KEY",
      ),
    ],
    ["not a date at all", "refused", gql(CLAIMS, { f: { claimedAt: { equals: "yesterday" } } })],
  ],
  "type confusion in variables": [
    ["a string for an Int", "refused", gql(`query ($n: Int) { claims(first: $n) { totalCount } }`, { n: "10" })],
    ["an object for a String", "refused", gql(SEARCH, { q: { $ne: null } })],
    ["an array for an ID", "refused", gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: ["a", "b"] })],
    ["a number for an enum", "refused", gql(`query ($k: SourceKind) { sources(filter: { kind: { equals: $k } }) { totalCount } }`, { k: 3 })],
    ["a float for an Int", "refused", gql(`query ($n: Int) { claims(first: $n) { totalCount } }`, { n: 2.5 })],
    ["variables as a string", "refused", raw(JSON.stringify({ query: CLAIMS, variables: "{}" }))],
    ["an unknown input field", "refused", gql(CLAIMS, { f: { text: { matches: ".*" } } })],
  ],
};

describe("hostile requests", () => {
  beforeAll(async () => {
    claimId = (await server.ok(`{ claims(first: 1) { edges { node { id } } } }`)).claims.edges[0].node.id;
  });

  for (const [category, list] of Object.entries(cases)) {
    describe(category, () => {
      it("has at least five cases", () => expect(list.length).toBeGreaterThanOrEqual(5));
      for (const [name, outcome, send] of list) {
        it(`${name}: ${outcome}`, async () => {
          const before = await server.db.claim.count();
          const response = await send();
          const text = await response.text();
          expect(response.status, text.slice(0, 300)).toBeLessThan(500);
          expect(text).not.toMatch(INTERNALS);
          const body = text ? JSON.parse(text) : {};
          if (outcome === "refused") {
            expect(response.status >= 400 || body.errors?.length > 0, text.slice(0, 300)).toBe(true);
            for (const error of body.errors ?? []) expect(STABLE_CODES, JSON.stringify(error)).toContain(error.extensions?.code);
          } else {
            expect(response.status, text.slice(0, 300)).toBe(200);
            expect(body.errors, text.slice(0, 300)).toBeUndefined();
          }
          expect(await server.db.claim.count()).toBe(before);
          expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        });
      }
    });
  }
});
