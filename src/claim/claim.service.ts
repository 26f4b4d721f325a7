import { assertNotReviewed } from "../review/review.writes.ts";
import type { Db } from "../db/client.ts";
import { Prisma, type Appearance as AppearanceRow, type Claim as ClaimRow } from "../generated/prisma/client.ts";
import { recordAudit } from "../audit/audit.service.ts";
import type { Viewer } from "../schema/auth.ts";
import { ConflictError, NotFoundError, UserInputError } from "../shared/errors.ts";
import { expectGlobalId } from "../shared/globalId.ts";
import { inTransaction, lockRows, type Tx } from "../db/transaction.ts";
import { locateSpan } from "../appearance/anchor.ts";
import type { AddAppearanceInput } from "../appearance/appearance.input.ts";
import { resolveArticleForSpans } from "../article/article.writes.ts";
import { indexClaims, unindex } from "../search/search.index.ts";
import { prepareList, readPage } from "../db/lists.ts";
import { countSql, linkPairs, nestedPagesSql, readPageSql, type SqlSource } from "../db/listSql.ts";
import { DEFAULT_FILTER_LIMITS, type FilterLimits } from "../db/filters/index.ts";
import { toConnection, type Connection } from "../db/pages.ts";
import type { ClaimListArgs } from "./claim.args.ts";
import { ClaimOrderField, MAX_APPEARANCES_PER_CLAIM, type CreateClaimInput, type UpdateClaimInput } from "./claim.input.ts";
import { claimChanges, createClaimRow } from "./claim.writes.ts";
import { CLAIM_SORT } from "./claim.where.ts";
import { inIdOrder } from "../db/batching.ts";
import { isPlainPage, windowPages, type WindowSource } from "../db/windowPages.ts";

export type { ClaimRow };

/** The Source columns a claim points at; each is a `Source.<field>` connection. */
export type ClaimSourceColumn = "claimantId" | "channelId" | "reportedById";

const CLAIMS: SqlSource = { table: "Claim", columns: Object.values(Prisma.ClaimScalarFieldEnum) };
const bySource = (column: ClaimSourceColumn): WindowSource => ({ ...CLAIMS, via: { column } });
const BY_ARTICLE: WindowSource = { ...CLAIMS, via: { table: "Appearance", parent: "articleId", child: "claimId" } };

async function findClaim(tx: Tx, globalId: string, field: string): Promise<ClaimRow> {
  const claim = await tx.claim.findUnique({ where: { id: expectGlobalId(globalId, "Claim", field) } });
  if (!claim) throw new NotFoundError(`No claim with id "${globalId}"`, field);
  return claim;
}

export class ClaimService {
  constructor(
    private readonly db: Db,
    private readonly filterLimits: FilterLimits = DEFAULT_FILTER_LIMITS,
  ) {}

  async byIds(ids: readonly string[]): Promise<(ClaimRow | null)[]> {
    return inIdOrder(ids, await this.db.claim.findMany({ where: { id: { in: [...ids] } } }));
  }

  private prepare(args: ClaimListArgs) {
    return prepareList(args, CLAIM_SORT, ClaimOrderField.CLAIMED_AT, "Claim", this.db.provider, this.filterLimits);
  }

  /** `claims`: with a filter through SQL (one statement, or two for a nullable sort), else through Prisma. */
  async list(args: ClaimListArgs): Promise<Connection<ClaimRow>> {
    const list = this.prepare(args);
    if (list.filter) {
      const rows = await readPageSql<ClaimRow>(this.db, CLAIMS, list);
      return toConnection(rows, list.page, () => countSql(this.db, CLAIMS.table, list.filter));
    }
    const rows = await readPage(list, this.db.provider, (where, orderBy, take) => this.db.claim.findMany({ where, orderBy, take }));
    return toConnection(rows, list.page, () => this.db.claim.count());
  }

  /** `Source.claims`, `Source.channelClaims`, `Source.reportedClaims`: claims pointing at each parent source. */
  async pagesBySource(column: ClaimSourceColumn, parentIds: string[], args: ClaimListArgs) {
    const list = this.prepare(args);
    if (isPlainPage(list)) return windowPages<ClaimRow>(this.db, bySource(column), parentIds, list.page);
    return nestedPagesSql<ClaimRow>(this.db, CLAIMS, { column }, parentIds, list);
  }

  /**
   * `Article.claims`: claims that appear in each parent article, reached from
   * the appearance index (a correlated EXISTS would make SQLite test every claim).
   */
  async pagesByArticle(parentIds: string[], args: ClaimListArgs) {
    const list = this.prepare(args);
    if (isPlainPage(list)) return windowPages<ClaimRow>(this.db, BY_ARTICLE, parentIds, list.page);
    return nestedPagesSql<ClaimRow>(this.db, CLAIMS, { pairs: linkPairs("Appearance", "articleId", "claimId") }, parentIds, list);
  }

  /** Creates a claim that appears in existing articles. */
  async create(viewer: Viewer, input: CreateClaimInput): Promise<ClaimRow> {
    return inTransaction(this.db, async (tx) => {
      const placements = [];
      for (const [j, span] of input.appearances.entries()) {
        const article = await resolveArticleForSpans(tx, span.article, `appearances[${j}].article`);
        placements.push({ articleId: article.id, body: article.body, span, path: `appearances[${j}]` });
      }
      const { claim, appearanceIds } = await createClaimRow(tx, input, placements, "");
      await recordAudit(tx, viewer, "createClaim", [{ type: "Claim", id: claim.id }, ...appearanceIds.map((id) => ({ type: "Appearance" as const, id }))]);
      return claim;
    });
  }

  async update(viewer: Viewer, input: UpdateClaimInput): Promise<ClaimRow> {
    return inTransaction(this.db, async (tx) => {
      const current = await findClaim(tx, input.id, "id");
      const claim = await tx.claim.update({ where: { id: current.id }, data: await claimChanges(tx, input, current) });
      await indexClaims(tx, [claim.id]);
      await recordAudit(tx, viewer, "updateClaim", [{ type: "Claim", id: claim.id }]);
      return claim;
    });
  }

  /** Deletes a claim and all its appearances. */
  async delete(viewer: Viewer, globalId: string): Promise<{ claimId: string; appearanceIds: string[] }> {
    return inTransaction(this.db, async (tx) => {
      const claim = await findClaim(tx, globalId, "id");
      // Locked, so an appearance added meanwhile is not deleted without being named in the audit event.
      await lockRows(tx, "Claim", [claim.id]);
      await assertNotReviewed(tx, [claim.id], "id");
      const appearanceIds = (await tx.appearance.findMany({ where: { claimId: claim.id }, select: { id: true } })).map((a) => a.id);
      await tx.claim.delete({ where: { id: claim.id } });
      await unindex(tx, "Claim", [claim.id]);
      await recordAudit(tx, viewer, "deleteClaim", [{ type: "Claim", id: claim.id }, ...appearanceIds.map((id) => ({ type: "Appearance" as const, id }))]);
      return { claimId: claim.id, appearanceIds };
    });
  }

  async addAppearance(viewer: Viewer, input: AddAppearanceInput): Promise<AppearanceRow> {
    return inTransaction(this.db, async (tx) => {
      const claim = await findClaim(tx, input.claim, "claim");
      // The article first (as deleteArticle locks it), then the claim: held until commit, so the span matches the
      // body that stays, two concurrent additions cannot both pass the cap, and a racing delete cannot drop this one.
      const article = await resolveArticleForSpans(tx, input.article, "article");
      if (!(await lockRows(tx, "Claim", [claim.id])).has(claim.id)) throw new NotFoundError(`No claim with id "${input.claim}"`, "claim");
      const count = await tx.appearance.count({ where: { claimId: claim.id } });
      if (count >= MAX_APPEARANCES_PER_CLAIM) {
        throw new UserInputError(`The claim already has ${count} appearances; the limit is ${MAX_APPEARANCES_PER_CLAIM}`, "claim", {
          limit: MAX_APPEARANCES_PER_CLAIM,
        });
      }
      const span = locateSpan(article.body, input, "");
      const appearance = await tx.appearance.create({
        data: { claimId: claim.id, articleId: article.id, quote: input.quote, kind: input.kind, ...span },
      });
      await recordAudit(tx, viewer, "addAppearance", [
        { type: "Appearance", id: appearance.id },
        { type: "Claim", id: claim.id },
        { type: "Article", id: article.id },
      ]);
      return appearance;
    });
  }

  /** Removes an appearance. A claim keeps at least one: delete the claim to remove its last. */
  async removeAppearance(viewer: Viewer, globalId: string): Promise<AppearanceRow> {
    return inTransaction(this.db, async (tx) => {
      const id = expectGlobalId(globalId, "Appearance", "id");
      const found = await tx.appearance.findUnique({ where: { id } });
      // The claim's lock makes the count below hold until commit: two removals cannot both leave "one more".
      if (found) await lockRows(tx, "Claim", [found.claimId]);
      const appearance = found && (await tx.appearance.findUnique({ where: { id } }));
      if (!appearance) throw new NotFoundError(`No appearance with id "${globalId}"`, "id");
      if ((await tx.appearance.count({ where: { claimId: appearance.claimId } })) === 1) {
        throw new ConflictError("This is the claim's last appearance; delete the claim instead", { field: "id" });
      }
      await tx.appearance.delete({ where: { id: appearance.id } });
      await recordAudit(tx, viewer, "removeAppearance", [
        { type: "Appearance", id: appearance.id },
        { type: "Claim", id: appearance.claimId },
      ]);
      return appearance;
    });
  }
}
