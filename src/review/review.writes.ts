import type { Tx } from "../db/transaction.ts";
import { ConflictError } from "../shared/errors.ts";
import { toGlobalId } from "../shared/globalId.ts";

/**
 * Refuses to delete claims that fact-checkers reviewed: a review would go with
 * them. Callers hold the claims' row locks, which createReview takes too, so no
 * review can arrive between this check and the delete.
 */
export async function assertNotReviewed(tx: Tx, claimIds: string[], field: string): Promise<void> {
  if (claimIds.length === 0) return;
  const reviewed = await tx.review.findFirst({ where: { claimId: { in: claimIds } }, select: { claimId: true } });
  if (reviewed) {
    throw new ConflictError(`Claim "${toGlobalId("Claim", reviewed.claimId)}" has reviews; a reviewed claim cannot be deleted`, {
      field,
      claim: toGlobalId("Claim", reviewed.claimId),
    });
  }
}

/**
 * Moves every review reference from one source to another inside a merge:
 * reviews it wrote, and its place in review bylines (a review crediting both
 * keeps one entry). Returns the ids of the reviews touched, for the audit event.
 */
export async function moveReviewReferences(tx: Tx, from: string, into: string): Promise<string[]> {
  const touched = await tx.review.findMany({ where: { OR: [{ reviewerId: from }, { authors: { some: { sourceId: from } } }] }, select: { id: true } });
  await tx.review.updateMany({ where: { reviewerId: from }, data: { reviewerId: into } });
  for (const byline of await tx.reviewAuthor.findMany({ where: { sourceId: from } })) {
    const key = { reviewId: byline.reviewId, sourceId: from };
    const both = await tx.reviewAuthor.findUnique({ where: { reviewId_sourceId: { reviewId: byline.reviewId, sourceId: into } } });
    if (both) await tx.reviewAuthor.delete({ where: { reviewId_sourceId: key } });
    else await tx.reviewAuthor.update({ where: { reviewId_sourceId: key }, data: { sourceId: into } });
  }
  return touched.map(({ id }) => id);
}
