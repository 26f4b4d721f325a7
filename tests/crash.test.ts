import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { ApiKeyService } from "../src/apiKey/apiKey.service.ts";
import { createDb, type Db } from "../src/db/client.ts";
import { parseDatabaseUrl } from "../src/db/databaseUrl.ts";
import { createPostgresDatabase, dropPostgresDatabase, uniqueDatabaseName } from "../src/db/scratch.ts";

// No acknowledged write is lost: concurrent nested writes, SIGKILL at a random
// moment, then integrity checks and every acknowledged article with all its
// claims. Ten rounds on each backend.

const ROUNDS = 10;
const WRITERS = 6;
const CLAIMS_PER_ARTICLE = 3;
const postgres = inject("backend") === "postgresql";
const dir = mkdtempSync(join(tmpdir(), "claimgraph-crash-"));
const pgName = uniqueDatabaseName("claimgraph_crash");
let url: string;

beforeAll(async () => {
  url = postgres ? await createPostgresDatabase(pgName) : `file:${join(dir, "crash.db")}`;
});
afterAll(async () => {
  if (postgres) await dropPostgresDatabase(pgName);
  rmSync(dir, { recursive: true, force: true });
});

function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: url, LOG_LEVEL: "info", SEED: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /"url":"http:\/\/localhost:(\d+)\/graphql"/.exec(output);
      if (match) resolve({ child, base: `http://127.0.0.1:${match[1]}` });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) => reject(new Error(`server exited (${code ?? signal}) before serving:\n${output}`)));
  });
}

const CREATE = `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }`;

function article(slug: string) {
  const sentences = Array.from({ length: CLAIMS_PER_ARTICLE }, (_, i) => `Speaker ${i} said thing ${i} in ${slug}.`);
  return {
    slug,
    title: slug,
    body: sentences.join(" "),
    claims: sentences.map((sentence, i) => ({
      text: sentence,
      cue: "say",
      claimant: { alias: `Crash Speaker ${i}`, kind: "PERSON" },
      appearances: [{ quote: sentence, kind: "REPORTED_SPEECH" }],
    })),
  };
}

/** Writes until the server dies; returns the slugs it acknowledged. */
async function writer(base: string, key: string, round: number, id: number): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let n = 0; ; n++) {
    const slug = `crash-r${round}-w${id}-n${n}`;
    try {
      const response = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: CREATE, variables: { input: article(slug) } }),
      });
      const body = (await response.json()) as { data?: { createArticle?: { article: { id: string } } }; errors?: unknown[] };
      if (response.status === 200 && body.data?.createArticle?.article.id && !body.errors) acknowledged.push(slug);
    } catch {
      return acknowledged; // the server is gone
    }
  }
}

async function checkIntegrity(db: Db) {
  if (db.provider === "sqlite") {
    const file = parseDatabaseUrl(url);
    if (file.provider !== "sqlite") throw new Error("unreachable");
    const raw = new Database(file.filePath);
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(raw.pragma("foreign_key_check")).toEqual([]);
    raw.close();
  } else {
    // Foreign keys are enforced by PostgreSQL; orphans would mean a broken constraint.
    const [orphans] = await db.$queryRawUnsafe<[{ n: bigint | number }]>(
      `SELECT count(*) AS n FROM "Appearance" a LEFT JOIN "Article" r ON r.id = a."articleId" LEFT JOIN "Claim" c ON c.id = a."claimId" WHERE r.id IS NULL OR c.id IS NULL`,
    );
    expect(Number(orphans.n)).toBe(0);
  }
}

describe(`SIGKILL during concurrent writes (${ROUNDS} rounds)`, () => {
  it("loses no acknowledged write and leaves no partial article", async () => {
    const acknowledged: string[] = [];
    let key = "";
    for (let round = 0; round < ROUNDS; round++) {
      const { child, base } = await startServer();
      if (!key) {
        const db = await createDb(parseDatabaseUrl(url), 1);
        key = (await new ApiKeyService(db).create({ keyId: null, name: "crash test" }, "crash", "EDITOR")).key;
        await db.$disconnect();
      }
      const writers = Array.from({ length: WRITERS }, (_, id) => writer(base, key, round, id));
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 900));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      for (const slugs of await Promise.all(writers)) acknowledged.push(...slugs);

      const db = await createDb(parseDatabaseUrl(url), 1);
      try {
        await checkIntegrity(db);
        const found = await db.article.findMany({
          where: { slug: { startsWith: "crash-" } },
          select: { slug: true, _count: { select: { appearances: true } } },
        });
        const bySlug = new Map(found.map((a) => [a.slug, a._count.appearances]));
        for (const slug of acknowledged) expect(bySlug.has(slug), `acknowledged ${slug} is missing`).toBe(true);
        for (const [slug, appearances] of bySlug) expect(appearances, `${slug} is partial`).toBe(CLAIMS_PER_ARTICLE);
        const claimsWithoutAppearance = await db.claim.count({ where: { appearances: { none: {} } } });
        expect(claimsWithoutAppearance).toBe(0);
      } finally {
        await db.$disconnect();
      }
    }
    // The rounds did write: the test is not vacuous.
    expect(acknowledged.length).toBeGreaterThan(ROUNDS);
  }, 240_000);
});
