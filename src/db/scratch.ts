import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import pg from "pg";

import { parseDatabaseUrl, type DatabaseTarget, type Provider } from "./databaseUrl.ts";

/** Where throwaway PostgreSQL databases are created from; POSTGRES_ADMIN_URL overrides. */
export const postgresAdminUrl = () => process.env.POSTGRES_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${adminUrl}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return `"${name}"`;
};

/** Creates a database (optionally copied from `template`) and returns its URL. */
export async function createPostgresDatabase(name: string, template?: string, adminUrl = postgresAdminUrl()): Promise<string> {
  await admin(adminUrl, async (client) => {
    // A template may be copied by one CREATE DATABASE at a time; retry while another copy runs.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ""}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(name: string, adminUrl = postgresAdminUrl()) {
  await admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

export const uniqueDatabaseName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;

/** Runs `work` on an empty throwaway database of `provider`, then removes it. */
export async function withScratchDatabase<T>(provider: Provider, work: (target: DatabaseTarget) => Promise<T>): Promise<T> {
  if (provider === "postgresql") {
    const name = uniqueDatabaseName("claimgraph_scratch");
    const url = await createPostgresDatabase(name);
    try {
      return await work(parseDatabaseUrl(url));
    } finally {
      await dropPostgresDatabase(name);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "claimgraph-scratch-"));
  try {
    return await work(parseDatabaseUrl(`file:${join(dir, "scratch.db")}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
