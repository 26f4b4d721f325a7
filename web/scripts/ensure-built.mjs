#!/usr/bin/env node
// Builds the reader (npm run build: codegen, type check, vite build) when web/dist is missing or older than what it
// is built from: src/ (but the generated src/gql/), index.html, the configs, the lockfile and the API's
// schema.graphql. Installs web/'s dependencies first if they are missing (the root's `npm ci` normally has).
// The root's `npm start` and `npm test` run it, so a fresh clone serves and tests a current reader.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = dirname(dirname(fileURLToPath(import.meta.url)));
const built = join(web, "dist", "index.html");

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const name of readdirSync(path)) {
    if (path === join(web, "src") && name === "gql") continue;
    latest = Math.max(latest, newest(join(path, name)));
  }
  return latest;
}

const sources = ["src", "index.html", "vite.config.ts", "codegen.yml", "tsconfig.json", "package.json", "package-lock.json", "../schema.graphql"];
const source = Math.max(...sources.map((each) => newest(join(web, each))));
const reason = !existsSync(built) ? "web/dist is missing" : statSync(built).mtimeMs < source ? "web/ changed since web/dist was built" : null;

if (reason) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const run = (args) => execFileSync(npm, args, { cwd: web, stdio: "inherit" });
  console.log(`building the reader: ${reason}`);
  if (!existsSync(join(web, "node_modules", ".bin", "vite"))) run(["ci", "--include=dev", "--no-audit", "--no-fund"]);
  run(["run", "build", "--silent"]);
}
