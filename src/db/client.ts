import { PrismaClient } from "../generated/prisma/client.ts";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-pg/client.ts";
import { createAdapterFactory, DEFAULT_POOL_SIZE } from "./adapter.ts";
import type { DatabaseTarget, Provider } from "./databaseUrl.ts";

/**
 * The database handle services use. Both generated clients come from one model
 * definition and share its API; the SQLite client's types stand for both.
 */
export type Db = PrismaClient & { readonly provider: Provider };

/**
 * A Prisma client on the driver adapter for `target`. Query events are
 * emitted so that tests and debug logging can see every SQL statement.
 */
export function createDb(target: DatabaseTarget, poolSize = DEFAULT_POOL_SIZE): Db {
  const options = { adapter: createAdapterFactory(target, poolSize), log: [{ emit: "event" as const, level: "query" as const }] };
  const client =
    target.provider === "postgresql"
      ? (new PostgresPrismaClient(options as ConstructorParameters<typeof PostgresPrismaClient>[0]) as unknown as PrismaClient)
      : new PrismaClient(options as ConstructorParameters<typeof PrismaClient>[0]);
  return Object.assign(client, { provider: target.provider });
}
