import type { Prisma } from "../generated/prisma/client.ts";
import { allOf, dateTimeWhere, idWhere, logicalWhere, textWhere, whereOf } from "../db/filters/prisma.ts";
import { FilterScope } from "../db/filters/index.ts";
import type { SortColumn } from "../db/pages.ts";
import { articleWhere } from "../article/article.where.ts";
import { sourceWhere } from "../source/source.where.ts";
import type { ClaimFilter, ClaimOrderField } from "./claim.input.ts";

export const CLAIM_SORT: Record<ClaimOrderField, SortColumn> = {
  CLAIMED_AT: { key: "CLAIMED_AT", column: "claimedAt", type: "date", nullable: true },
  CREATED_AT: { key: "CREATED_AT", column: "createdAt", type: "date", nullable: false },
};

/** Translates a ClaimFilter into a Prisma where; throws BAD_USER_INPUT naming the input path. */
export function claimWhere(filter: ClaimFilter | undefined | null, scope: FilterScope): Prisma.ClaimWhereInput | undefined {
  if (!filter) return undefined;
  const related = (name: "claimant" | "channel" | "reportedBy") => (filter[name] ? { is: sourceWhere(filter[name], scope.nest(name)) ?? {} } : undefined);
  return allOf<Prisma.ClaimWhereInput>(
    textWhere("text", filter.text, scope.at("text")),
    textWhere("cue", filter.cue, scope.at("cue")),
    textWhere("claimantDescription", filter.claimantDescription, scope.at("claimantDescription")),
    whereOf({
      id: idWhere(filter.id, "Claim", scope.at("id")),
      claimedAt: dateTimeWhere(filter.claimedAt, scope.at("claimedAt")),
      claimant: related("claimant"),
      channel: related("channel"),
      reportedBy: related("reportedBy"),
      appearances: filter.article ? { some: { article: articleWhere(filter.article, scope.nest("article")) ?? {} } } : undefined,
    }),
    logicalWhere(filter, scope, claimWhere),
  );
}
