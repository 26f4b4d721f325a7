import type { Claim as ClaimRow } from "../generated/prisma/client.ts";
import type { AppearanceKind, DatePrecision } from "../generated/prisma/enums.ts";
import { UserInputError } from "../shared/errors.ts";
import type { Tx } from "../db/transaction.ts";
import { locateSpan, type SpanInput } from "../appearance/anchor.ts";
import { indexClaims } from "../search/search.index.ts";
import { resolveSourceRef } from "../source/source.writes.ts";
import type { SourceRef } from "../source/source.input.ts";

// Claim writes that createArticle reuses inside its own transaction.

type ClaimFields = {
  text: string;
  cue: string;
  claimant?: SourceRef | null;
  claimantDescription?: string | null;
  claimedAt?: Date | null;
  claimedAtPrecision?: DatePrecision | null;
  channel?: SourceRef | null;
  reportedBy?: SourceRef | null;
};

/** One appearance to write: the article's body and the span input, with its input path. */
export type Placement = { articleId: string; body: string; span: SpanInput & { kind: AppearanceKind }; path: string };

const join = (path: string, field: string) => (path ? `${path}.${field}` : field);

/** Checks the rules that span fields: an attribution, and a date with its precision. */
export function checkClaimFields(
  fields: { claimantId: string | null; claimantDescription: string | null; claimedAt: Date | null; claimedAtPrecision: DatePrecision | null },
  path: string,
) {
  if (fields.claimantId === null && !fields.claimantDescription) {
    throw new UserInputError("A claim needs a claimant or a claimantDescription", join(path, "claimant"));
  }
  if ((fields.claimedAt === null) !== (fields.claimedAtPrecision === null)) {
    throw new UserInputError("claimedAt and claimedAtPrecision go together", join(path, fields.claimedAt === null ? "claimedAt" : "claimedAtPrecision"));
  }
}

async function refOrNull(tx: Tx, ref: SourceRef | null | undefined, path: string) {
  return ref ? resolveSourceRef(tx, ref, path) : null;
}

/** Creates a claim and its appearances, locating each span in its article's body. */
export async function createClaimRow(tx: Tx, input: ClaimFields, placements: Placement[], path: string): Promise<{ claim: ClaimRow; appearanceIds: string[] }> {
  const data = {
    text: input.text.trim(),
    cue: input.cue.trim(),
    claimantId: await refOrNull(tx, input.claimant, join(path, "claimant")),
    claimantDescription: input.claimantDescription ?? null,
    claimedAt: input.claimedAt ?? null,
    claimedAtPrecision: input.claimedAtPrecision ?? null,
    channelId: await refOrNull(tx, input.channel, join(path, "channel")),
    reportedById: await refOrNull(tx, input.reportedBy, join(path, "reportedBy")),
  };
  checkClaimFields(data, path);
  const appearances = placements.map(({ articleId, body, span, path: at }) => ({
    articleId,
    quote: span.quote,
    kind: span.kind,
    ...locateSpan(body, span, at),
  }));
  const claim = await tx.claim.create({ data: { ...data, appearances: { create: appearances } }, include: { appearances: { select: { id: true } } } });
  const { appearances: created, ...row } = claim;
  await indexClaims(tx, [row.id]);
  return { claim: row, appearanceIds: created.map((a) => a.id) };
}

/** The changes an update input asks for; undefined leaves a field, null clears it. */
export async function claimChanges(tx: Tx, input: { [K in keyof ClaimFields]?: ClaimFields[K] | null }, current: ClaimRow) {
  const ref = async (value: SourceRef | null | undefined, field: string, now: string | null) =>
    value === undefined ? now : value === null ? null : resolveSourceRef(tx, value, field);
  const next = {
    text: input.text?.trim() ?? current.text,
    cue: input.cue?.trim() ?? current.cue,
    claimantId: await ref(input.claimant, "claimant", current.claimantId),
    claimantDescription: input.claimantDescription === undefined ? current.claimantDescription : input.claimantDescription,
    claimedAt: input.claimedAt === undefined ? current.claimedAt : input.claimedAt,
    claimedAtPrecision: input.claimedAtPrecision === undefined ? current.claimedAtPrecision : input.claimedAtPrecision,
    channelId: await ref(input.channel, "channel", current.channelId),
    reportedById: await ref(input.reportedBy, "reportedBy", current.reportedById),
  };
  // Clearing the date clears its precision with it.
  if (input.claimedAt === null && input.claimedAtPrecision === undefined) next.claimedAtPrecision = null;
  checkClaimFields(next, "");
  return next;
}
