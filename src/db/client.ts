import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { createAdapterFactory, DEFAULT_POOL_SIZE, SQLITE_BUSY_TIMEOUT_MS } from "./adapter.ts";
import { parseDatabaseUrl, type DatabaseTarget, type Provider } from "./databaseUrl.ts";
import { createDriverReader, type DriverReader, type StatementListener } from "./driverReader.ts";

/**
 * The database handle services use. Both generated clients come from one model
 * definition and share its API; the SQLite client's types stand for both.
 * `primary()` is the handle for requests that write: with read replicas, reads
 * elsewhere go to a replica, which may lag behind.
 */
export type Db = PrismaClient & {
  readonly provider: Provider;
  primary(): Db;
  reader(): RawReader;
  /**
   * Runs a read statement whose result is one text value (the planner's JSON) on the driver itself, with its
   * prepared statements kept (src/db/driverReader.ts); on a replica when there are replicas.
   */
  readText(sql: Prisma.Sql): Promise<string | null>;
  /** Sees every SQL statement sent, through Prisma or on the driver (tests count them). */
  onStatement(listener: StatementListener): void;
};

/** Where raw read statements go: a replica when there are replicas (Prisma routes only its model reads there), else the database. */
export type RawReader = Pick<PrismaClient, "$queryRaw">;

/** `statementTimeoutMs` (PostgreSQL): statements running longer are cancelled; 0, the default, never cancels. */
/**
 * `sqliteBusyTimeoutMs`: how long a statement waits, synchronously, for SQLite's write lock; short by default,
 * since the wait stops the event loop (writes in inTransaction wait asynchronously instead). A batch tool whose
 * writes do not go through inTransaction, such as db:import, sets it longer.
 */
type Options = { poolSize?: number; replicaUrls?: string[]; statementTimeoutMs?: number; sqliteBusyTimeoutMs?: number; namedStatements?: boolean };

type ClientClass = new (options: { adapter: unknown; log: unknown }) => PrismaClient;

/** The generated client of one backend, imported on first use: a process loads only the one it talks to. */
async function clientClass(provider: Provider): Promise<ClientClass> {
  const { PrismaClient } = provider === "postgresql" ? await import("../generated/prisma-pg/client.ts") : await import("../generated/prisma/client.ts");
  return PrismaClient as unknown as ClientClass;
}

async function prismaClient(target: DatabaseTarget, poolSize: number, statementTimeoutMs = 0, sqliteBusyTimeoutMs?: number): Promise<PrismaClient> {
  const Client = await clientClass(target.provider);
  return new Client({
    adapter: await createAdapterFactory(target, poolSize, statementTimeoutMs, sqliteBusyTimeoutMs),
    log: [{ emit: "event" as const, level: "query" as const }],
  });
}

/**
 * A Prisma client on the driver adapter for `target`. Query events are
 * emitted so that tests and debug logging can see every SQL statement.
 * With `replicaUrls` (PostgreSQL only), reads go to the replicas through
 * @prisma/extension-read-replicas.
 */
export async function createDb(target: DatabaseTarget, poolSizeOrOptions: number | Options = {}): Promise<Db> {
  const {
    poolSize = DEFAULT_POOL_SIZE,
    replicaUrls = [],
    statementTimeoutMs = 0,
    sqliteBusyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS,
    namedStatements = true,
  } = typeof poolSizeOrOptions === "number" ? { poolSize: poolSizeOrOptions } : poolSizeOrOptions;
  const driverOptions = { poolSize, statementTimeoutMs, busyTimeoutMs: sqliteBusyTimeoutMs, namedStatements };
  const primary = await prismaClient(target, poolSize, statementTimeoutMs, sqliteBusyTimeoutMs);
  const primaryDriver = createDriverReader(target, driverOptions);
  const prismaListeners: StatementListener[] = [];
  primary.$on(
    "query" as never,
    ((event: { query: string; params: string }) => {
      if (prismaListeners.length === 0) return;
      const params = JSON.parse(event.params) as unknown[];
      for (const listener of prismaListeners) listener(event.query, params);
    }) as never,
  );
  // Without a driver reader (an in-memory SQLite database), Prisma runs the statement.
  const readTextOn = (driver: DriverReader | undefined, client: RawReader) => (sql: Prisma.Sql) =>
    driver ? driver.readText(sql) : client.$queryRaw<Record<string, unknown>[]>(sql).then((rows) => textOf(rows[0]));
  const drivers = [primaryDriver];
  // Disconnecting closes the driver readers too; each client's own $disconnect is kept before it is replaced.
  const handles = (client: PrismaClient) => {
    const disconnectClient = client.$disconnect.bind(client);
    return {
      provider: target.provider,
      onStatement(listener: StatementListener) {
        prismaListeners.push(listener);
        for (const driver of drivers) driver?.onStatement(listener);
      },
      async $disconnect() {
        await Promise.all([disconnectClient(), ...drivers.map((driver) => driver?.close())]);
      },
    };
  };
  const primaryDb: Db = Object.assign(primary, handles(primary), {
    primary: () => primaryDb,
    reader: () => primaryDb,
    readText: readTextOn(primaryDriver, primary),
  });
  if (replicaUrls.length === 0) return primaryDb;
  if (target.provider !== "postgresql") throw new Error("DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL");
  const replicaTargets = replicaUrls.map((url) => {
    const replica = parseDatabaseUrl(url);
    if (replica.provider !== "postgresql") throw new Error("DATABASE_REPLICA_URLS must be postgresql:// URLs");
    return replica;
  });
  const replicas = await Promise.all(replicaTargets.map((replica) => prismaClient(replica, poolSize, statementTimeoutMs)));
  const replicaDrivers = replicaTargets.map((replica) => createDriverReader(replica, driverOptions)!);
  drivers.push(...replicaDrivers);
  const { readReplicas } = await import("@prisma/extension-read-replicas");
  const routed = primary.$extends(readReplicas({ replicas: replicas as never })) as unknown as PrismaClient;
  const replicaOf = routed as unknown as { $replica(): RawReader };
  // Planned reads take the replicas in turn, as Prisma's extension spreads its reads.
  let next = 0;
  return Object.assign(routed, handles(routed), {
    primary: () => primaryDb,
    reader: () => replicaOf.$replica(),
    readText: (sql: Prisma.Sql) => replicaDrivers[next++ % replicaDrivers.length]!.readText(sql),
  }) as Db;
}

/** The first column of a row Prisma returned, as text. */
function textOf(row: Record<string, unknown> | undefined): string | null {
  const value = row && Object.values(row)[0];
  return value == null ? null : String(value);
}

/**
 * Per-connection settings. SQLite: synchronous=FULL syncs the WAL on every
 * commit, so an acknowledged write survives a crash of the process and of the
 * machine (NORMAL would survive only the process), at some write latency.
 */
export async function prepareDb(db: Db): Promise<void> {
  if (db.provider === "sqlite") await db.$queryRaw`PRAGMA synchronous = FULL`;
}
