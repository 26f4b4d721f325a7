import { readFileSync } from "node:fs";

import pg from "pg";
import { describe, expect, it } from "vitest";

import { diffSchemaAgainstMigrations, migrate } from "../../src/db/migrate.ts";
import { BACKENDS, renderPostgresSchema } from "../../src/db/schemas.ts";
import { withScratchDatabase } from "../../src/db/scratch.ts";
import { withStartupLock } from "../../src/db/startupLock.ts";

describe("PostgreSQL schema and migrations", () => {
  it("prisma/postgresql/schema.prisma is rendered from prisma/schema.prisma (run `npm run db:schemas`)", () => {
    expect(readFileSync(BACKENDS.postgresql.schema, "utf8")).toBe(renderPostgresSchema());
    // Same models either way: only the provider and client folder differ.
    const strip = (text: string) =>
      text
        .replace(/provider = "\w+"|output\s+= "[^"]+"/g, "")
        .split("\n")
        .filter((line) => line.trim() && !line.startsWith("//"))
        .join("\n");
    expect(strip(readFileSync(BACKENDS.postgresql.schema, "utf8"))).toBe(strip(readFileSync(BACKENDS.sqlite.schema, "utf8")));
  });

  it("prisma/postgresql/migrations produce exactly the schema", async () => {
    expect(await withScratchDatabase("postgresql", diffSchemaAgainstMigrations)).toBe("");
  });

  it("start-up work on several replicas runs one at a time, under an advisory lock", async () => {
    await withScratchDatabase("postgresql", async (target) => {
      const order: string[] = [];
      const replica = (name: string) =>
        withStartupLock(target, async () => {
          order.push(`${name} start`);
          const applied = await migrate(target);
          order.push(`${name} end:${applied.length}`);
        });
      await Promise.all([replica("a"), replica("b"), replica("c")]);
      // Each critical section finishes before the next starts; exactly one applies the migrations.
      for (let i = 0; i < order.length; i += 2) expect(order[i]?.split(" ")[0]).toBe(order[i + 1]?.split(" ")[0]);
      expect(order.filter((entry) => /end:[1-9]/.test(entry))).toHaveLength(1);
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
      await client.end();
      expect(rows[0].n).toBeGreaterThan(0);
    });
  });
});
