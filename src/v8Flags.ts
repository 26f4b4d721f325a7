import { setFlagsFromString } from "node:v8";

// V8 settings the server sets on itself, before anything runs (issue #14, peak RSS under load), measured on the
// benchmark's W1 and W2 at 10k claims, same throughput and CPU per request within the machine's noise:
//   --no-wasm-tier-up --no-wasm-dynamic-tiering
//       Prisma's query compiler is a WebAssembly module. V8 runs it with its baseline compiler (Liftoff) and by
//       default recompiles hot functions with its optimising compiler, whose working memory (malloc'd on V8's
//       worker threads) stays in the process: about 45 MB of RSS after the first Prisma query, 70 MB after a few
//       thousand. The compiler runs once per query shape, so its speed hardly shows: 2,000 Prisma queries took the
//       same time either way. (Liftoff remains, with the optimising compiler for any function it cannot compile.)
//   --heap-growing-percent=30
//       After each full collection V8 lets the old generation grow by a factor it picks from the allocation rate,
//       up to 4×: under W2 (about 40 MB live) the heap grew past 150 MB of mostly garbage before the next one.
//       At 1.3× the live size the peak stayed near 180 MB instead of 330 MB. A heap cap (--max-old-space-size)
//       bounds it harder but fails the process when a burst of large answers needs more; this only sets the pace.
// Not here: --max-semi-space-size=32, which `npm start` gives node (package.json). V8 sizes the young generation
// when the process starts, so setting it from here does nothing; with it, W2 on PostgreSQL scavenged 1.0 instead of
// 1.6 ms per request, for 25–40 MB more at peak.
// A flag the operator gives node (on its command line or in NODE_OPTIONS) is left as given.

const FLAGS = ["--no-wasm-tier-up", "--no-wasm-dynamic-tiering", "--heap-growing-percent=30"];

/** The flag's name without `--`, `--no-` or its value, in V8's spelling (dashes and underscores are the same). */
const nameOf = (flag: string) =>
  flag
    .replace(/^--(no-)?/, "")
    .replace(/=.*$/, "")
    .replaceAll("_", "-");

const given = new Set([...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].filter((arg) => arg.startsWith("--")).map(nameOf));

for (const flag of FLAGS) if (!given.has(nameOf(flag))) setFlagsFromString(flag);
