import { afterAll, beforeAll } from "vitest";

import { createKeys } from "./keys.ts";
import { openTestDb, type TestDb } from "./testDb.ts";
import { startTestServer, type TestServer } from "./testServer.ts";

// One vocabulary for a test file's set-up: `useTestServer()` and `useTestDb()`
// start what the file needs before its tests and close it after, and return a
// stand-in that can be bound at the top of the file and used inside tests.

export type Keys = Awaited<ReturnType<typeof createKeys>>;

/** An object that forwards to `current()`, which exists once beforeAll has run. */
function lateBound<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      const target = current();
      if (!target) throw new Error(`${what} is used before its beforeAll ran`);
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * A real server over HTTP on a private copy of the seeded database for this
 * file, started with `env` (see startTestServer; a function when it depends on
 * what an earlier hook set up), with one API key per role in `server.keys`.
 */
export function useTestServer(env: Record<string, string> | (() => Record<string, string>) = {}): TestServer & { readonly keys: Keys } {
  let server: TestServer | undefined;
  let keys: Keys | undefined;
  beforeAll(async () => {
    server = await startTestServer(typeof env === "function" ? env() : env);
    keys = await createKeys(server.db);
  });
  afterAll(async () => {
    await server?.close();
    server = undefined;
  });
  const keysStandIn = lateBound(() => keys, "server.keys");
  const serverStandIn = lateBound(() => server, "useTestServer()");
  return new Proxy(serverStandIn, { get: (target, property) => (property === "keys" ? keysStandIn : Reflect.get(target, property)) }) as TestServer & {
    readonly keys: Keys;
  };
}

/** A private copy of the seeded database for this file, on the suite's backend. */
export function useTestDb(): TestDb {
  let handle: TestDb | undefined;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(async () => {
    await handle?.close();
    handle = undefined;
  });
  return lateBound(() => handle, "useTestDb()");
}
