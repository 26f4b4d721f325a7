import type { Tx } from "../db/transaction.ts";

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
