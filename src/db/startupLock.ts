import type { DatabaseTarget } from "./databaseUrl.ts";

/**
 * Serialises start-up work across replicas: on PostgreSQL an advisory lock,
 * so that several processes starting at once migrate and seed one at a time.
 */
export async function withStartupLock<T>(target: DatabaseTarget, work: () => Promise<T>): Promise<T> {
  if (target.provider !== "postgresql") return work();
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('claimgraph:startup'))");
    return await work();
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('claimgraph:startup'))").catch(() => {});
    await client.end();
  }
}
