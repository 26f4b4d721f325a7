import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { createDb } from "../../src/db/client.ts";
import { parseDatabaseUrl } from "../../src/db/databaseUrl.ts";

const dir = mkdtempSync(join(tmpdir(), "claimgraph-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], databaseUrl: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/extraction/import.cli.ts", ...args], {
    cwd: join(import.meta.dirname, "../.."),
    env: { ...process.env, DATABASE_URL: databaseUrl, SEED: "false" },
    encoding: "utf8",
  });

describe("npm run articles:import", () => {
  it("imports a folder of .txt and .md files with their claims, skips what exists, and sums up", async () => {
    const folder = join(dir, "articles");
    mkdirSync(join(folder, "more"), { recursive: true });
    writeFileSync(
      join(folder, "bridge.txt"),
      'Bridge stays shut\nMayor Ana Ruiz said on Tuesday that repairs would take three months. "We will not reopen it," she told reporters.\n',
    );
    writeFileSync(join(folder, "more", "port-fees.md"), "# Port fees\n\nThe port authority denied that the fees targeted any firm.\n");
    writeFileSync(join(folder, "notes.json"), "{}");
    const url = `file:${join(dir, "import.db")}`;

    const first = run([folder, "--published", "2025-06-06", "--publisher", "Harbor Daily"], url);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("imported 2 of 2 files: 3 claims");

    const db = await createDb(parseDatabaseUrl(url), 1);
    try {
      const bridge = await db.article.findUniqueOrThrow({
        where: { slug: "bridge" },
        include: { publisher: true, appearances: { include: { claim: { include: { claimant: true } } } } },
      });
      expect(bridge.title).toBe("Bridge stays shut");
      expect(bridge.publisher?.name).toBe("Harbor Daily");
      expect(bridge.publishedAt?.toISOString()).toBe("2025-06-06T00:00:00.000Z");
      expect(bridge.appearances.map((a) => a.claim.claimant?.name)).toEqual(["Ana Ruiz", "Ana Ruiz"]);
      for (const a of bridge.appearances) expect(bridge.body.slice(a.start!, a.end!)).toBe(a.quote);
      expect((await db.article.findUniqueOrThrow({ where: { slug: "port-fees" } })).title).toBe("Port fees");
    } finally {
      await db.$disconnect();
    }

    const again = run([folder], url);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("imported 0 of 2 files");
    expect(again.stdout).toMatch(/skipped .*bridge\.txt: an article with slug "bridge" exists/);
  });

  it("refuses a bad date or a missing path with the usage line", () => {
    const url = `file:${join(dir, "bad.db")}`;
    const badDate = run([dir, "--published", "someday"], url);
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toContain('--published "someday" is not a date');
    const missing = run([join(dir, "nope")], url);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no such file or folder");
  });
});
