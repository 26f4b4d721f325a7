import "reflect-metadata";

import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

import autocannon from "autocannon";

import { ApiKeyService } from "../src/apiKey/apiKey.service.ts";
import { createDb } from "../src/db/client.ts";
import { parseDatabaseUrl } from "../src/db/databaseUrl.ts";
import { createPostgresDatabase, dropPostgresDatabase } from "../src/db/scratch.ts";
import { generatePostgres, generateSqlite } from "./data.ts";

// npm run bench [-- --quick] [--sizes 1000,10000] [--backends sqlite,postgresql]
// Runs claimgraph's workloads on generated data (SQLite: a file under data/;
// PostgreSQL: a database created on POSTGRES_ADMIN_URL and dropped afterwards)
// and writes results/<stamp>.json and .md. The baselines (speed of light,
// naive Prisma, PostGraphile) are not in this first version of the harness.

const ROOT = resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { quick: { type: "boolean" }, sizes: { type: "string" }, backends: { type: "string" } } });
const backends = (values.backends ?? "sqlite,postgresql").split(",") as ("sqlite" | "postgresql")[];
const sizes = values.sizes ? values.sizes.split(",").map(Number) : values.quick ? [10_000] : [1_000, 10_000, 100_000];
const DURATION_S = values.quick ? 5 : 10;
const WARMUP_S = values.quick ? 1 : 3;
const CONNECTIONS = 10;

const W2 = `{ articles(first: 20) { edges { node { title claims(first: 10) { edges { node { text claimant { name claims(first: 5) { edges { node { appearances { quote article { title } } } } } } } } } } } } }`;
const SEARCHES = ["trade", "rare earth", '"rare earth" export*', "minister talks", "sanction*"];

type Workload = { name: string; description: string; bodies: (key: string) => string[]; expect: "ok" | "rejected"; auth?: boolean };
const WORKLOADS: Workload[] = [
  { name: "W1", description: "20 articles, scalar fields", expect: "ok", bodies: () => [JSON.stringify({ query: "{ articles(first: 20) { edges { node { title slug publishedAt } } } }" })] },
  { name: "W2", description: "nested: articles → claims → claimant → claims → appearances → article", expect: "ok", bodies: () => [JSON.stringify({ query: W2 })] },
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

async function startServer(databaseUrl: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      SEED: "false",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      // The benchmark measures the work, not the limits (W5 measures a rejection on its own).
      LIMIT_COST: "100000000",
      RATE_LIMIT_PER_IP: "100000000",
      RATE_LIMIT_PER_KEY: "100000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  child.kill("SIGKILL");
  throw new Error("server did not become ready in 30 s");
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

async function runWorkloads(backend: string, size: number, url: string) {
  const rows: Record<string, unknown>[] = [];
  const db = createDb(parseDatabaseUrl(url), 1);
  const { key } = await new ApiKeyService(db).create({ keyId: null, name: "bench" }, "bench", "EDITOR");
  await db.$disconnect();
  const { child, base } = await startServer(url);
  try {
    for (const workload of WORKLOADS) {
      const bodies = workload.bodies(key);
      const auth = workload.auth ? key : undefined;
      await load(base, bodies, auth, WARMUP_S);
      const result = await load(base, bodies, auth, DURATION_S);
      const wrongStatus = workload.expect === "ok" ? result.non2xx : result["2xx"];
      rows.push({
        workload: workload.name,
        backend,
        size,
        system: "claimgraph",
        rps: Math.round(result.requests.average),
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts + wrongStatus,
        peakRssMb: Math.round(peakRssMb(child.pid!)),
      });
      process.stderr.write(`${workload.name} ${backend} ${size}: ${Math.round(result.requests.average)} req/s\n`);
    }
  } finally {
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await exited;
  }
  return rows;
}

async function main() {
  const dataDir = join(ROOT, "bench/data");
  const resultsDir = join(ROOT, "bench/results");
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  const rows: Record<string, unknown>[] = [];
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
  const header = `| workload | backend | size | system | req/s | p50 ms | p99 ms | errors | peak RSS MB |\n|---|---|---|---|---|---|---|---|---|\n`;
  const table = header + rows.map((r) => `| ${r.workload} | ${r.backend} | ${r.size} | ${r.system} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.peakRssMb} |`).join("\n");
  const markdown = `# claimgraph benchmark, ${new Date().toISOString()}\n\nMachine: ${machine}. ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, ${DURATION_S} s per workload.\nBaselines: not yet part of the harness, so no ratios.\n\n${table}\n`;
  writeFileSync(join(resultsDir, `${stamp}.json`), JSON.stringify({ machine, connections: CONNECTIONS, durationSeconds: DURATION_S, rows }, null, 2));
  writeFileSync(join(resultsDir, `${stamp}.md`), markdown);
  console.log(markdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
