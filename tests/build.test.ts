import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";
import { seedNames } from "../seeds/load.ts";

// `npm start` runs the build (tsconfig.build.json), not the sources: build into a
// folder of our own and run that as npm start does. The folder sits under
// node_modules/.cache so that packages resolve and the project folder is found
// from it, as from dist/.
const ROOT = join(import.meta.dirname, "..");
const out = join(ROOT, "node_modules", ".cache", `claimgraph-build-${process.pid}`);
const dir = mkdtempSync(join(tmpdir(), "claimgraph-build-"));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

describe("the build", () => {
  it("compiles, then serves the seeded API and runs an extraction in its worker from the compiled code", { timeout: 180_000 }, async () => {
    const tsc = run([join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", out]);
    let tscOutput = "";
    tsc.stdout.on("data", (chunk) => (tscOutput += chunk));
    expect(await new Promise((resolve) => tsc.once("exit", resolve)), tscOutput).toBe(0);

    const child = run([join(out, "src/index.js")], { PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `file:${join(dir, "app.db")}`, LOG_LEVEL: "info" });
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk;
        const match = /"url":"(http:\/\/localhost:\d+)\/graphql"/.exec(output);
        if (match?.[1]) resolve(match[1].replace("localhost", "127.0.0.1"));
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // The explorer's page and files are found from dist too (they are read from src/http/explorer/ and the packages).
      const explorer = await (await fetch(`${url}/graphql`, { headers: { accept: "text/html" } })).text();
      const script = /src="(\/explorer\/[^"]+\/explorer\.js)"/.exec(explorer)?.[1];
      expect(script, explorer).toBeDefined();
      expect((await fetch(`${url}${script}`)).status).toBe(200);
      const query = async <T>(text: string) => {
        const response = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: text }),
        });
        return ((await response.json()) as { data: T }).data;
      };
      // The seed was found from dist: the project folder resolves from the built files.
      expect((await query<{ articles: { totalCount: number } }>("{ articles { totalCount } }")).articles.totalCount).toBe(seedNames().length);
      const extracted = await query<{ extractClaims: unknown }>(
        '{ extractClaims(text: "Ana Ruiz said on Monday that the port would reopen.") { text claimant { name } } }',
      );
      expect(extracted.extractClaims).toEqual([{ text: "the port would reopen", claimant: { name: "Ana Ruiz" } }]);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });
});
