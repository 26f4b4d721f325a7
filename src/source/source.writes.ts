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
  return holdSource(tx, await findSourceRef(tx, ref, path), path);
}

/**
 * Share-locks a source a write refers to, until commit, so a concurrent merge waits for this write and moves what
 * it refers to; if a merge won the race, the source is gone and its redirect names the survivor, whose id is returned.
 */
async function holdSource(tx: Tx, id: string, path: string): Promise<string> {
  if ((await lockRows(tx, "Source", [id], "share")).has(id)) return id;
  const survivor = await findSourceById(tx, id);
  if (!survivor) throw new NotFoundError(`The source "${path}" names was deleted meanwhile`, path);
  await lockRows(tx, "Source", [survivor.id], "share");
  return survivor.id;
}

/** A source as an imported document describes it (a ClaimReview's author or claimant): a name, perhaps URLs (sameAs) and a kind. */
export type DescribedSource = { name: string; urls?: readonly string[]; kind?: SourceKind | null; role?: string | null };

/**
 * The addresses a URL may be stored under: http and https, with and without `www.`, and for a site's root with
 * and without the trailing slash. The fragment is dropped.
 */
export function urlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return [url];
  const host = parsed.host.toLowerCase().replace(/^www\./, "");
  const rest = `${parsed.pathname}${parsed.search}`;
  const paths = rest === "/" ? ["/", ""] : rest.endsWith("/") ? [rest, rest.slice(0, -1)] : [rest, `${rest}/`];
  const variants = new Set<string>([url]);
  for (const scheme of ["https://", "http://"]) for (const prefix of ["", "www."]) for (const path of paths) variants.add(`${scheme}${prefix}${host}${path}`);
  return [...variants];
}

const isPerson = (kind: SourceKind | null | undefined) => kind === "PERSON";

/**
 * Finds the source a description names, creating none: by its URLs (sameAs) against the sources' home pages,
 * then by its name against every alias, case-insensitively, as a SourceRef's alias is matched. Where several
 * match, the one that is a person, or not, as `kind` (else `defaultKind`) says; still several, BAD_USER_INPUT
 * naming them (`extensions.candidates`). Null when none matches. Not locked: see matchSource.
 */
export async function findDescribedSource(tx: Tx, described: DescribedSource, defaultKind: SourceKind, path: string): Promise<string | null> {
  const person = isPerson(described.kind ?? defaultKind);
  const name = normalizeAlias(described.name);
  const pick = (candidates: { id: string; slug: string; name: string; kind: SourceKind; aliases: { normalized: string }[] }[], by: string) => {
    if (candidates.length <= 1) return candidates[0]?.id ?? null;
    const narrowed = [candidates.filter((c) => c.aliases.some((a) => a.normalized === name)), candidates.filter((c) => isPerson(c.kind) === person)];
    for (const fewer of narrowed) if (fewer.length === 1) return fewer[0]!.id;
    const both = candidates.filter((c) => isPerson(c.kind) === person && c.aliases.some((a) => a.normalized === name));
    if (both.length === 1) return both[0]!.id;
    throw new UserInputError(
      `"${described.name}" matches ${candidates.length} sources by ${by} (${candidates.map((c) => c.slug).join(", ")}); give it a sameAs URL that only one of them has`,
      path,
      { candidates: candidates.map((c) => ({ slug: c.slug, name: c.name })) },
    );
  };
  const select = { id: true, slug: true, name: true, kind: true, aliases: { select: { normalized: true } } } as const;
  const urls = [...new Set((described.urls ?? []).flatMap(urlVariants))];
  if (urls.length) {
    const byUrl = pick(await tx.source.findMany({ where: { url: { in: urls } }, select, orderBy: { id: "asc" } }), "sameAs");
    if (byUrl) return byUrl;
  }
  if (!name) return null;
  const matches = await tx.sourceAlias.findMany({ where: { normalized: name }, select: { source: { select } } });
  return pick([...new Map(matches.map((m) => [m.source.id, m.source])).values()], "name");
}

/**
 * The source a description names (findDescribedSource), or a new one made from it: its kind (else `defaultKind`),
 * its first URL as home page, a person's role. Share-locked until commit, as resolveSourceRef holds what it finds.
 */
export async function matchSource(tx: Tx, described: DescribedSource, defaultKind: SourceKind, path: string): Promise<{ id: string; created: boolean }> {
  const found = await findDescribedSource(tx, described, defaultKind, path);
  if (found) return { id: await holdSource(tx, found, path), created: false };
  const kind = described.kind ?? defaultKind;
  const source = await createSourceRow(
    tx,
    { name: described.name, kind, url: described.urls?.[0] ?? null, role: isPerson(kind) ? (described.role ?? null) : null },
    path,
  );
  return { id: source.id, created: true };
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
