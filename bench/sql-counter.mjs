// Preloaded (node --import) into every system the benchmark runs: counts SQL
// statements at the database drivers, so that claimgraph, the baselines and
// PostGraphile are counted the same way. Not product code.
//
// BENCH_SQL_COUNTER_PORT: where GET / answers the count so far.
// BENCH_SQL_RESOLVE_FROM: comma-separated folders whose `pg` and
// `better-sqlite3` are patched (each system may load its own copy).
import { createServer } from "node:http";
import { createRequire } from "node:module";

let statements = 0;
// BENCH_SQL_LOG=1 prints every counted statement, to see where a count comes from.
const log = process.env.BENCH_SQL_LOG === "1";
const patched = new Set();

function wrap(proto, name) {
  const original = proto[name];
  if (typeof original !== "function" || patched.has(original)) return;
  const counted = function (...args) {
    statements++;
    if (log)
      process.stderr.write(
        `[sql] ${String(this?.source ?? (typeof args[0] === "string" ? args[0] : (args[0]?.text ?? "")))
          .slice(0, 160)
          .replace(/\s+/g, " ")}\n`,
      );
    return original.apply(this, args);
  };
  patched.add(counted);
  proto[name] = counted;
}

for (const folder of (process.env.BENCH_SQL_RESOLVE_FROM ?? process.cwd()).split(",")) {
  const require = createRequire(`${folder.replace(/\/$/, "")}/`);
  try {
    // Pool.query goes through Client.query, so this sees every pooled statement once.
    wrap(require("pg").Client.prototype, "query");
  } catch {
    // this folder has no pg
  }
  try {
    const Database = require("better-sqlite3");
    const probe = new Database(":memory:");
    const statement = Object.getPrototypeOf(probe.prepare("select 1"));
    probe.close();
    for (const name of ["run", "get", "all", "iterate"]) wrap(statement, name);
    wrap(Database.prototype, "exec");
  } catch {
    // this folder has no better-sqlite3
  }
}

const port = Number(process.env.BENCH_SQL_COUNTER_PORT);
if (port) {
  createServer((_request, response) => response.end(String(statements)))
    .listen(port, "127.0.0.1")
    .unref();
}
