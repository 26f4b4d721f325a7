import type { Db } from "../db/client.ts";
import { Prisma, type Source as SourceRow } from "../generated/prisma/client.ts";
import { recordAudit, type AuditedEntity } from "../audit/audit.service.ts";
import type { Viewer } from "../schema/auth.ts";
import { ConflictError, NotFoundError, UserInputError } from "../shared/errors.ts";
import { expectGlobalId } from "../shared/globalId.ts";
import { inTransaction, lockRows, serializeOn } from "../db/transaction.ts";
import { indexSources, unindex } from "../search/search.index.ts";
import { prepareList, type PreparedList } from "../db/lists.ts";
import { countSql, keysetSql, nestedPagesSql, orderSql, readPageSql, type SqlSource } from "../db/listSql.ts";
import { andSql, columnOf, DEFAULT_FILTER_LIMITS, TRUE_SQL, type FilterLimits } from "../db/filters/index.ts";
import { toConnection, type Connection } from "../db/pages.ts";
import type { SourceListArgs } from "./source.args.ts";
import { MAX_ALIASES, SourceOrderField, type CreateSourceInput, type UpdateSourceInput } from "./source.input.ts";
import { SOURCES_SORT } from "./source.where.ts";
import { recordOrder, recordRowsSql } from "./source.record.ts";
import { isPlainPage, windowPages, type WindowSource } from "../db/windowPages.ts";
import { moveReviewReferences } from "../review/review.writes.ts";
import { aliasRows, assertNoAffiliationCycle, createSourceRow, findSourceById, findSourceBySlug, resolveSourceRef, slugTaken } from "./source.writes.ts";
import { groupByParent, inIdOrder } from "../db/batching.ts";

export type { SourceRow };

const SOURCES: SqlSource = { table: "Source", columns: Object.values(Prisma.SourceScalarFieldEnum) };
const MEMBERS: WindowSource = { ...SOURCES, via: { column: "affiliationId" } };

export class SourceService {
  constructor(
    private readonly db: Db,
    private readonly filterLimits: FilterLimits = DEFAULT_FILTER_LIMITS,
  ) {}

  /** Sources by id, in the order asked; null where none exists. Ids of merged-away sources resolve to the survivor. */
  async byIds(ids: readonly string[]): Promise<(SourceRow | null)[]> {
    const found = inIdOrder(ids, await this.db.source.findMany({ where: { id: { in: [...ids] } } }));
    const missing = ids.filter((_, i) => found[i] === null);
    if (missing.length === 0) return found;
    const redirects = await this.db.sourceRedirect.findMany({ where: { fromId: { in: missing } }, include: { to: true } });
    const survivors = new Map(redirects.map((r) => [r.fromId, r.to]));
    return found.map((row, i) => row ?? survivors.get(ids[i]!) ?? null);
  }

  bySlug(slug: string): Promise<SourceRow | null> {
    return findSourceBySlug(this.db, slug);
  }

  async create(viewer: Viewer, input: CreateSourceInput): Promise<SourceRow> {
    return inTransaction(this.db, async (tx) => {
      const affiliationId = input.affiliation ? await resolveSourceRef(tx, input.affiliation, "affiliation") : null;
      const source = await createSourceRow(tx, { ...input, affiliationId }, "");
      await recordAudit(tx, viewer, "createSource", [
        { type: "Source", id: source.id },
        ...(affiliationId ? [{ type: "Source" as const, id: affiliationId }] : []),
      ]);
      return source;
    });
  }

  async update(viewer: Viewer, input: UpdateSourceInput): Promise<SourceRow> {
    return inTransaction(this.db, async (tx) => {
      const source = await findSourceById(tx, expectGlobalId(input.id, "Source", "id"));
      if (!source) throw new NotFoundError(`No source with id "${input.id}"`, "id");
      const data: Prisma.SourceUncheckedUpdateInput = {};
      if (input.name != null) data.name = input.name.trim();
      if (input.kind != null) data.kind = input.kind;
      if (input.slug != null && input.slug !== source.slug) {
        if (await slugTaken(tx, input.slug)) throw new UserInputError(`The slug "${input.slug}" is taken`, "slug");
        data.slug = input.slug;
      }
      for (const key of ["role", "description", "url"] as const) if (input[key] !== undefined) data[key] = input[key];
      if (input.affiliation !== undefined) {
        // The cycle check reads the whole chain above the new parent: affiliation changes take turns.
        await serializeOn(tx, "affiliations");
        const affiliationId = input.affiliation === null ? null : await resolveSourceRef(tx, input.affiliation, "affiliation");
        await assertNoAffiliationCycle(tx, source.id, affiliationId, "affiliation");
        data.affiliationId = affiliationId;
      }
      if (input.aliases != null || input.name != null) {
        const keep = input.aliases ?? (await tx.sourceAlias.findMany({ where: { sourceId: source.id }, orderBy: { position: "asc" } })).map((a) => a.alias);
        const rows = aliasRows(input.name ?? source.name, keep);
        // A rename keeps the old name as an alias: the cap Source.aliases is priced at holds here too.
        if (rows.length > MAX_ALIASES + 1) {
          const field = input.aliases != null ? "aliases" : "name";
          throw new UserInputError(`The source would have ${rows.length - 1} aliases; the limit is ${MAX_ALIASES}: drop some with \`aliases\``, field, {
            limit: MAX_ALIASES,
          });
        }
        await tx.sourceAlias.deleteMany({ where: { sourceId: source.id } });
        data.aliases = { create: rows };
      }
      const updated = await tx.source.update({ where: { id: source.id }, data });
      await indexSources(tx, [source.id]);
      await recordAudit(tx, viewer, "updateSource", [{ type: "Source", id: source.id }]);
      return updated;
    });
  }

  /**
   * Merges `from` into `into`: every reference moves over (claimant, channel,
   * reportedBy, publisher, authors, affiliation), `from`'s name and aliases
   * become aliases of `into`, and `from`'s id and slug keep resolving to `into`.
   */
  async merge(viewer: Viewer, fromGlobalId: string, intoGlobalId: string): Promise<{ source: SourceRow; mergedId: string }> {
    const [fromId, intoId] = [expectGlobalId(fromGlobalId, "Source", "from"), expectGlobalId(intoGlobalId, "Source", "into")];
    return inTransaction(this.db, async (tx) => {
      // Merges change affiliations, so they take turns with each other and with affiliation updates; the row
      // locks wait for writes still referring to `from` (their claims must move too) and block new ones.
      await serializeOn(tx, "affiliations");
      await lockRows(tx, "Source", [fromId, (await findSourceById(tx, intoId))?.id ?? intoId]);
      const from = await tx.source.findUnique({ where: { id: fromId } });
      if (!from) throw new NotFoundError(`No source with id "${fromGlobalId}"`, "from");
      const into = await findSourceById(tx, intoId);
      if (!into) throw new NotFoundError(`No source with id "${intoGlobalId}"`, "into");
      if (from.id === into.id) {
        // Different ids that lead to one source: the two were merged already (perhaps by a concurrent merge).
        if (fromId !== intoId) {
          throw new ConflictError("These sources were already merged into one; read them again", { field: "into" });
        }
        throw new UserInputError("A source cannot be merged into itself", "into");
      }

      // `into` inherits `from`'s affiliation only if it has none of its own (or had `from`).
      const affiliationId = into.affiliationId === from.id ? from.affiliationId : (into.affiliationId ?? from.affiliationId);

      const moved = { from: from.id, into: into.id };
      // Everything whose reference moves is named in the audit event.
      const touched: AuditedEntity[] = [
        ...(
          await tx.claim.findMany({
            where: { OR: [{ claimantId: moved.from }, { channelId: moved.from }, { reportedById: moved.from }] },
            select: { id: true },
          })
        ).map(({ id }) => ({ type: "Claim" as const, id })),
        ...(
          await tx.article.findMany({ where: { OR: [{ publisherId: moved.from }, { authors: { some: { sourceId: moved.from } } }] }, select: { id: true } })
        ).map(({ id }) => ({ type: "Article" as const, id })),
        ...(await tx.source.findMany({ where: { affiliationId: moved.from, id: { not: moved.into } }, select: { id: true } })).map(({ id }) => ({
          type: "Source" as const,
          id,
        })),
      ];
      await tx.claim.updateMany({ where: { claimantId: moved.from }, data: { claimantId: moved.into } });
      await tx.claim.updateMany({ where: { channelId: moved.from }, data: { channelId: moved.into } });
      await tx.claim.updateMany({ where: { reportedById: moved.from }, data: { reportedById: moved.into } });
      await tx.article.updateMany({ where: { publisherId: moved.from }, data: { publisherId: moved.into } });
      await tx.source.updateMany({ where: { affiliationId: moved.from, id: { not: moved.into } }, data: { affiliationId: moved.into } });
      // An article that credits both keeps one byline entry.
      const bylines = await tx.articleAuthor.findMany({ where: { sourceId: moved.from } });
      for (const byline of bylines) {
        const both = await tx.articleAuthor.findUnique({ where: { articleId_sourceId: { articleId: byline.articleId, sourceId: moved.into } } });
        if (both) await tx.articleAuthor.delete({ where: { articleId_sourceId: { articleId: byline.articleId, sourceId: moved.from } } });
        else
          await tx.articleAuthor.update({
            where: { articleId_sourceId: { articleId: byline.articleId, sourceId: moved.from } },
            data: { sourceId: moved.into },
          });
      }
      // Reviews it wrote or co-wrote follow it; a Review's reviewer cannot be left pointing at a deleted source.
      touched.push(...(await moveReviewReferences(tx, moved.from, moved.into)).map((id) => ({ type: "Review" as const, id })));
      const aliases = [
        ...(await tx.sourceAlias.findMany({ where: { sourceId: into.id }, orderBy: { position: "asc" } })).map((a) => a.alias),
        ...(await tx.sourceAlias.findMany({ where: { sourceId: from.id }, orderBy: { position: "asc" } })).map((a) => a.alias),
        from.name,
      ];
      const mergedAliases = aliasRows(into.name, aliases);
      // The name plus MAX_ALIASES others, as createSource allows: Source.aliases is priced at that bound.
      if (mergedAliases.length > MAX_ALIASES + 1) {
        throw new UserInputError(
          `The merged source would have ${mergedAliases.length - 1} aliases; the limit is ${MAX_ALIASES}: remove some from either source first`,
          "from",
          { limit: MAX_ALIASES },
        );
      }
      await tx.sourceAlias.deleteMany({ where: { sourceId: { in: [from.id, into.id] } } });
      await tx.sourceRedirect.updateMany({ where: { toId: from.id }, data: { toId: into.id } });
      await tx.source.delete({ where: { id: from.id } });
      await tx.sourceRedirect.create({ data: { fromId: from.id, fromSlug: from.slug, toId: into.id } });
      const source = await tx.source.update({
        where: { id: into.id },
        data: { affiliationId, aliases: { create: mergedAliases } },
      });
      // Checked on the merged state: `from`'s members now point at `into`, which can close a loop.
      await assertNoAffiliationCycle(tx, into.id, source.affiliationId, "into");
      await unindex(tx, "Source", [from.id]);
      await indexSources(tx, [into.id]);
      await recordAudit(tx, viewer, "mergeSources", [{ type: "Source", id: from.id }, { type: "Source", id: into.id }, ...touched]);
      return { source, mergedId: from.id };
    });
  }

  /** Aliases of each source, in their recorded order. */
  async aliasesBySourceIds(ids: readonly string[]): Promise<string[][]> {
    const rows = await this.db.sourceAlias.findMany({
      where: { sourceId: { in: [...ids] } },
      orderBy: [{ sourceId: "asc" }, { position: "asc" }],
    });
    return groupByParent(ids, rows, (row) => row.sourceId).map((group) => group.map((row) => row.alias));
  }

  private prepare(args: SourceListArgs) {
    return prepareList(args, SOURCES_SORT, SourceOrderField.NAME, "Source", this.db.provider, this.filterLimits);
  }

  /** `sources`: by track record through SQL on derived rows, with a filter through SQL, else through Prisma. */
  async list(args: SourceListArgs): Promise<Connection<SourceRow>> {
    const minReviewed = recordOrder(args.orderBy, "sources");
    const list = this.prepare(args);
    if (minReviewed !== undefined) return this.listByRecord(list, minReviewed);
    const { page, pageWhere, orderBy } = list;
    if (list.filter) {
      const rows = await readPageSql<SourceRow>(this.db, SOURCES, list);
      return toConnection(rows, page, () => countSql(this.db, SOURCES.table, list.filter));
    }
    const rows = await this.db.source.findMany({ where: pageWhere, orderBy, take: page.limit + 1 });
    return toConnection(rows, page, () => this.db.source.count());
  }

  /**
   * `sources` sorted by track record: a page of the claimants with at least `minReviewed` reviewed claims, with
   * their keys (source.record.ts) as columns "reviewedClaims" and "falseShare" of the derived rows, which the
   * filter, the cursor and the order read as they read "Source". One statement, one more for totalCount.
   */
  private async listByRecord(list: PreparedList, minReviewed: number): Promise<Connection<SourceRow>> {
    const { page } = list;
    const rows = Prisma.sql`(${recordRowsSql(this.db.provider, minReviewed)}) AS "Source"`;
    const columns = Prisma.join([...SOURCES.columns, "reviewedClaims", "falseShare"].map((column) => columnOf("Source", column)));
    const where = andSql(list.filter, keysetSql(page, "Source")) ?? TRUE_SQL;
    const found = await this.db.$queryRaw<SourceRow[]>(
      Prisma.sql`SELECT ${columns} FROM ${rows} WHERE ${where} ORDER BY ${orderSql(page, "Source", false)} LIMIT ${page.limit + 1}`,
    );
    return toConnection(found, page, async () => {
      const [{ n }] = await this.db.$queryRaw<[{ n: number | bigint }]>(Prisma.sql`SELECT COUNT(*) AS "n" FROM ${rows} WHERE ${list.filter ?? TRUE_SQL}`);
      return Number(n);
    });
  }

  /** `Source.members`: sources affiliated with each parent, one query for all parents. */
  async membersPages(parentIds: string[], args: SourceListArgs): Promise<Map<string, Connection<SourceRow>>> {
    recordOrder(args.orderBy, "members");
    const list = this.prepare(args);
    if (isPlainPage(list)) return windowPages<SourceRow>(this.db, MEMBERS, parentIds, list.page);
    return nestedPagesSql<SourceRow>(this.db, SOURCES, { column: "affiliationId" }, parentIds, list);
  }
}
