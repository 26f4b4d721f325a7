import { PrismaClient } from "../generated/prisma/client.ts";
import { createAdapterFactory } from "./adapter.ts";
import type { DatabaseTarget } from "./databaseUrl.ts";

export type Db = PrismaClient;

/**
 * A Prisma client on the driver adapter for `target`. Query events are
 * emitted so that tests and debug logging can see every SQL statement.
 */
export function createDb(target: DatabaseTarget) {
  return new PrismaClient({
    adapter: createAdapterFactory(target),
    log: [{ emit: "event", level: "query" }],
  });
}
