// Samples GET <url> every <interval> ms from its own process, so the load
// generator's work (autocannon reads every response in the harness) cannot
// delay a sample. A probe starts on every tick whether or not the previous one
// has answered, and its latency counts from the tick, so a stalled event loop
// shows in full. Prints "ready" once sampling, runs until stdin closes, then
// prints one JSON line: { samples, failures, p50, p99, max, probeLagMax } in
// ms, where probeLagMax is how late this process's own timer fired at worst (a
// large one means the machine, not the server, held the probe back).
// BENCH_HEALTHZ_LOG=1 prints every sample to stderr. Not product code.
//
//   node healthz-probe.mjs http://127.0.0.1:4000/healthz 100
import http from "node:http";

const [url, interval = "100"] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true });
const latencies = [];
const pending = new Set();
let failures = 0;
let probeLagMax = 0;
const log = process.env.BENCH_HEALTHZ_LOG === "1";
const started = performance.now();

function probe(scheduled) {
  const tick = performance.now();
  probeLagMax = Math.max(probeLagMax, tick - scheduled);
  const done = new Promise((resolve) => {
    const request = http.get(url, { agent, timeout: 10_000 }, (response) => {
      response.resume();
      response.on("end", () => {
        if (response.statusCode === 200) latencies.push(performance.now() - tick);
        else failures++;
        if (log)
          process.stderr.write(`[healthz] sent at ${Math.round(tick - started)} ms: ${response.statusCode} in ${Math.round(performance.now() - tick)} ms\n`);
        resolve();
      });
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", () => {
      failures++;
      resolve();
    });
  });
  pending.add(done);
  done.finally(() => pending.delete(done));
}

let ticks = 0;
const timer = setInterval(() => probe(started + ++ticks * Number(interval)), Number(interval));
probe(started);
process.stdout.write("ready\n");
process.stdin.resume();
process.stdin.on("end", async () => {
  clearInterval(timer);
  await Promise.all(pending);
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 10) / 10 : null);
  process.stdout.write(
    `${JSON.stringify({ samples: sorted.length, failures, p50: at(0.5), p99: at(0.99), max: at(1), probeLagMax: Math.round(probeLagMax * 10) / 10 })}\n`,
  );
  agent.destroy();
});
