import type { Source as SourceRow } from "../generated/prisma/client.ts";
import type { SourceKind } from "../generated/prisma/enums.ts";
import { ConflictError, NotFoundError, UserInputError } from "../shared/errors.ts";
import { expectGlobalId } from "../shared/globalId.ts";
import { lockRows, type Tx } from "../db/transaction.ts";
import { indexSources } from "../search/search.index.ts";
import type { SourceRef } from "./source.input.ts";

// Source writes that other services reuse inside their own transactions
// (createArticle connects or creates sources through these).

export const normalizeAlias = (alias: string) => alias.trim().replace(/\s+/g, " ").toLowerCase();

export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)
    .replace(/-+$/, "");
  return slug || "source";
}

/** A free slug: `base`, else `base-2`, `base-3`, … */
export async function freeSlug(base: string, taken: (slug: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}

/** Aliases as rows: the name first, then the others, without case-insensitive duplicates. */
export function aliasRows(name: string, aliases: readonly string[] = []) {
  const seen = new Set<string>();
  const rows: { alias: string; normalized: string; position: number }[] = [];
  for (const alias of [name, ...aliases]) {
    const normalized = normalizeAlias(alias);
    if (!normalized || seen.has(normalized)) continue;
    seen.add(normalized);
    rows.push({ alias: alias.trim(), normalized, position: rows.length });
  }
  return rows;
}

/** Finds a source by id, following merge redirects. */
export async function findSourceById(tx: Tx, id: string): Promise<SourceRow | null> {
  const source = await tx.source.findUnique({ where: { id } });
  if (source) return source;
  const redirect = await tx.sourceRedirect.findUnique({ where: { fromId: id } });
  return redirect ? tx.source.findUnique({ where: { id: redirect.toId } }) : null;
}

/** Finds a source by slug, following merge redirects. */
export async function findSourceBySlug(tx: Tx, slug: string): Promise<SourceRow | null> {
  const source = await tx.source.findUnique({ where: { slug } });
  if (source) return source;
  const redirect = await tx.sourceRedirect.findUnique({ where: { fromSlug: slug } });
  return redirect ? tx.source.findUnique({ where: { id: redirect.toId } }) : null;
}

export async function slugTaken(tx: Tx, slug: string): Promise<boolean> {
  return Boolean((await tx.source.findUnique({ where: { slug } })) ?? (await tx.sourceRedirect.findUnique({ where: { fromSlug: slug } })));
}

export async function createSourceRow(
  tx: Tx,
  data: {
    name: string;
    kind: SourceKind;
    slug?: string | null;
    aliases?: string[] | null;
    role?: string | null;
    description?: string | null;
    url?: string | null;
    affiliationId?: string | null;
  },
  path: string,
): Promise<SourceRow> {
  let slug = data.slug ?? null;
  if (slug !== null) {
    if (await slugTaken(tx, slug)) throw new UserInputError(`The slug "${slug}" is taken`, `${path ? `${path}.` : ""}slug`);
  } else {
    slug = await freeSlug(slugify(data.name), (s) => slugTaken(tx, s));
  }
  const source = await tx.source.create({
    data: {
      slug,
      name: data.name.trim(),
      kind: data.kind,
      role: data.role ?? null,
      description: data.description ?? null,
      url: data.url ?? null,
      affiliationId: data.affiliationId ?? null,
      aliases: { create: aliasRows(data.name, data.aliases ?? []) },
    },
  });
  await indexSources(tx, [source.id]);
  tx.sideEffects?.push({ type: "Source", id: source.id });
  return source;
}

/**
 * Resolves a SourceRef to a source id inside the caller's transaction,
 * creating the source when an alias matches none. Errors name `path`.
 */
export async function resolveSourceRef(tx: Tx, ref: SourceRef, path: string): Promise<string> {
  const id = await findSourceRef(tx, ref, path);
  // Held until commit, so a concurrent merge waits for this write and moves what it refers to; if a merge
  // won the race, the source is gone and its redirect names the survivor.
  if ((await lockRows(tx, "Source", [id], "share")).has(id)) return id;
  const survivor = await findSourceById(tx, id);
  if (!survivor) throw new NotFoundError(`The source "${path}" names was deleted meanwhile`, path);
  await lockRows(tx, "Source", [survivor.id], "share");
  return survivor.id;
}

async function findSourceRef(tx: Tx, ref: SourceRef, path: string): Promise<string> {
  const given = (["id", "slug", "alias"] as const).filter((key) => ref[key] != null);
  if (given.length !== 1) throw new UserInputError(`"${path}" needs exactly one of id, slug or alias`, path);
  if (ref.id != null) {
    const source = await findSourceById(tx, expectGlobalId(ref.id, "Source", `${path}.id`));
    if (!source) throw new NotFoundError(`No source with id "${ref.id}"`, `${path}.id`);
    return source.id;
  }
  if (ref.slug != null) {
    const source = await findSourceBySlug(tx, ref.slug);
    if (!source) throw new NotFoundError(`No source with slug "${ref.slug}"`, `${path}.slug`);
    return source.id;
  }
  const alias = ref.alias!;
  const matches = await tx.sourceAlias.findMany({
    where: { normalized: normalizeAlias(alias) },
    select: { source: { select: { id: true, slug: true, name: true } } },
  });
  const candidates = [...new Map(matches.map((m) => [m.source.id, m.source])).values()];
  if (candidates.length === 1) return candidates[0]!.id;
  if (candidates.length > 1) {
    throw new UserInputError(
      `The alias "${alias}" matches ${candidates.length} sources (${candidates.map((c) => c.slug).join(", ")}); pass an id or slug instead`,
      `${path}.alias`,
      { candidates: candidates.map((c) => ({ slug: c.slug, name: c.name })) },
    );
  }
  if (!ref.kind) throw new UserInputError(`No source goes by "${alias}"; give its kind to create it`, `${path}.kind`);
  return (await createSourceRow(tx, { name: alias, kind: ref.kind, role: ref.role }, path)).id;
}

/** Refuses an affiliation that would make `sourceId` its own ancestor. */
export async function assertNoAffiliationCycle(tx: Tx, sourceId: string, affiliationId: string | null, field: string) {
  const seen = new Set<string>();
  for (let current = affiliationId; current !== null; ) {
    if (current === sourceId) throw new ConflictError("That affiliation would make a cycle", { field });
    if (seen.has(current)) break;
    seen.add(current);
    const row: { affiliationId: string | null } | null = await tx.source.findUnique({ where: { id: current }, select: { affiliationId: true } });
    current = row?.affiliationId ?? null;
  }
}

/** Resolves a byline (article or review authors) to (source, position) rows; an author named twice keeps its first place. */
export async function bylineRows(tx: Tx, refs: SourceRef[], field = "authors"): Promise<{ sourceId: string; position: number }[]> {
  const rows: { sourceId: string; position: number }[] = [];
  for (const [i, ref] of refs.entries()) {
    const sourceId = await resolveSourceRef(tx, ref, `${field}[${i}]`);
    if (!rows.some((row) => row.sourceId === sourceId)) rows.push({ sourceId, position: rows.length });
  }
  return rows;
}
