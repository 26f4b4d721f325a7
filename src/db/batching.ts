import DataLoader from "dataloader";

import type { Connection } from "./pages.ts";

/** One nested connection request: a parent and the arguments it was asked with. */
export type PageKey<A> = { parentId: string; args: A };

// Arguments are compared by value, so siblings asking `claims(first: 5)` share a batch.
const argsKey = (args: unknown) => JSON.stringify(args ?? {});

/**
 * Batches nested connections (e.g. `Source.claims` under a list of sources):
 * all parents asked with the same arguments in one tick cost one query.
 */
export function createConnectionLoader<A, T>(
  loadPages: (parentIds: string[], args: A) => Promise<Map<string, Connection<T>>>,
): DataLoader<PageKey<A>, Connection<T>, string> {
  return createGroupedLoader(loadPages);
}

/**
 * Batches any per-parent value asked with arguments (a connection, a track
 * record): the parents asked with the same arguments in one tick cost one
 * call of `load`, which returns a value for every parent it is given.
 */
export function createGroupedLoader<A, V>(load: (parentIds: string[], args: A) => Promise<Map<string, V>>): DataLoader<PageKey<A>, V, string> {
  return new DataLoader<PageKey<A>, V, string>(
    async (keys) => {
      const groups = new Map<string, { args: A; parentIds: Set<string> }>();
      for (const key of keys) {
        const id = argsKey(key.args);
        const group = groups.get(id) ?? { args: key.args, parentIds: new Set<string>() };
        group.parentIds.add(key.parentId);
        groups.set(id, group);
      }
      const valuesByGroup = new Map<string, Map<string, V>>();
      await Promise.all([...groups].map(async ([id, group]) => valuesByGroup.set(id, await load([...group.parentIds], group.args))));
      return keys.map((key) => valuesByGroup.get(argsKey(key.args))!.get(key.parentId)!);
    },
    { cacheKeyFn: (key) => `${argsKey(key.args)}\u0000${key.parentId}` },
  );
}

/** Groups rows by parent, preserving order, for loaders that return plain lists. */
export function groupByParent<T>(parentIds: readonly string[], rows: T[], parentOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) groups.get(parentOf(row))?.push(row);
  return parentIds.map((id) => groups.get(id)!);
}

/** Puts rows in the order of `ids`, with null where a row is missing (what DataLoader expects). */
export function inIdOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}
