// Start-up time and idle memory of the server, per way of starting it (issue #14).
// For each way: one untimed start migrates and seeds a fresh SQLite database
// (and fills tsx's transform cache), then each of <runs> restarts is timed from
// spawn to the first GET /healthz that answers 200 (polled every 10 ms). Two
// seconds after that answer, it reads the resident memory of the process tree
// (npm and npx add a wrapper process; tsx adds one more), then stops it with
// SIGTERM. Prints one line per way and a JSON summary: median and every run, in
// ms and MB. Linux only (reads /proc). Run from the project folder after
// `npm run build`; not part of the test suite. Not product code.
//
//   node bench/startup.mjs [runs=3] [way ...]     ways: npm-start, node-dist, npx-tsx, node-tsx
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WAYS = {
  "npm-start": ["npm", ["start", "--silent"]],
  // As a process manager would run it, with the node flags of `npm start`.
  "node-dist": [process.execPath, [...startFlags(), "dist/src/index.js"]],
  "npx-tsx": ["npx", ["tsx", "src/index.ts"]],
  "node-tsx": [process.execPath, ["--import", "tsx", "src/index.ts"]],
};
/** The node flags `npm start` gives the server (package.json), as bench/run.ts reads them. */
function startFlags() {
  const start = JSON.parse(readFileSync("package.json", "utf8")).scripts.start;
  return /\bnode ((?:--\S+ )*)dist\/src\/index\.js/.exec(start)?.[1]?.split(" ").filter(Boolean) ?? [];
}

const [runsArg = "3", ...named] = process.argv.slice(2);
const runs = Number(runsArg);
const ways = named.length ? named : Object.keys(WAYS);
for (const way of ways) if (!WAYS[way]) throw new Error(`unknown way "${way}": use ${Object.keys(WAYS).join(", ")}`);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Resident memory of a process and all its descendants, in MB; and of the largest one alone. */
function treeRss(pid) {
  const rss = (id) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, "utf8"))?.[1] ?? 0) / 1024;
  const children = (id) =>
    readdirSync(`/proc/${id}/task`).flatMap((task) => readFileSync(`/proc/${id}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number));
  const all = [];
  const visit = (id) => {
    all.push(rss(id));
    for (const child of children(id)) visit(child);
  };
  visit(pid);
  return { total: all.reduce((a, b) => a + b, 0), largest: Math.max(...all) };
}

async function startOnce(way, databaseUrl, port) {
  const [command, args] = WAYS[way];
  const started = performance.now();
  // Its own process group, so that SIGTERM reaches the server behind npm or npx.
  const child = spawn(command, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let gone = false;
  exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`${way} exited before answering /healthz`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) break;
    await sleep(10);
  }
  const ms = performance.now() - started;
  await sleep(2_000);
  const rss = treeRss(child.pid);
  process.kill(-child.pid, "SIGTERM");
  await exited;
  return { ms, rss };
}

const dir = mkdtempSync(join(tmpdir(), "claimgraph-startup-"));
const summary = {};
try {
  let port = 4700;
  for (const way of ways) {
    const databaseUrl = `file:${join(dir, `${way}.db`)}`;
    await startOnce(way, databaseUrl, port++);
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await startOnce(way, databaseUrl, port++));
    const row = {
      startMs: Math.round(median(results.map((r) => r.ms))),
      rssMb: Math.round(median(results.map((r) => r.rss.total))),
      serverRssMb: Math.round(median(results.map((r) => r.rss.largest))),
      runs: results.map((r) => ({ ms: Math.round(r.ms), rssMb: Math.round(r.rss.total), serverRssMb: Math.round(r.rss.largest) })),
    };
    summary[way] = row;
    console.log(
      `${way.padEnd(10)} start to first /healthz 200: ${row.startMs} ms (median of ${runs}); idle RSS ${row.rssMb} MB (server process ${row.serverRssMb} MB)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ node: process.version, runs, summary }));
