import type { Db } from "../db/client.ts";
import type { Actor } from "../audit/audit.service.ts";
import { BusyError, ErrorCode, UserInputError } from "../shared/errors.ts";
import type { ArticleService } from "../article/article.service.ts";
import type { NewClaimInput } from "../claim/claim.input.ts";
import type { SourceRef } from "../source/source.input.ts";
import { normalizeAlias, slugify } from "../source/source.writes.ts";
import type { AppearanceKind, DatePrecision, SourceKind } from "../generated/prisma/enums.ts";
import type { ExtractedClaim } from "./extract.ts";
import { guessKind } from "./extraction.kind.ts";
import { ExtractionBusyError, extractInPool } from "./extraction.pool.ts";
import { MAX_CLAIMS_PER_ARTICLE } from "../article/article.input.ts";
import { MAX_EXTRACTION_TEXT, type ImportArticleInput } from "./extraction.input.ts";
import type { CueKind } from "./extraction.lexicon.ts";

/** A claimant, channel or reporter name of a saved proposal that several sources go by: left unconnected and reported. */
type Ambiguous = { index: number; part: "CLAIMANT" | "CHANNEL" | "REPORTED_BY"; name: string; sourceIds: string[] };

/** A proposal as the API returns it; `sourceId` is set when exactly one existing source goes by the name. */
export type Proposal = {
  index: number;
  kind: AppearanceKind;
  confidence: number;
  text: string;
  cue: string;
  cueKind: CueKind;
  outerIndex: number | null;
  /** Null when the text names no source ("it was reported that …"). */
  claimant: { name: string | null; role: string | null; kind: SourceKind; sourceId: string | null; ambiguous: boolean } | null;
  channel: string | null;
  reportedBy: string | null;
  claimedAt: Date | null;
  claimedAtPrecision: DatePrecision | null;
  spans: ExtractedClaim["spans"];
};

// Channels become sources only when they name an outlet or a platform, not "a press conference".
const SOURCE_LIKE_CHANNEL = /^[A-Z]/;
const MAX_CLAIM_TEXT = 5_000;

export class ExtractionService {
  constructor(
    private readonly db: Db,
    private readonly articles: ArticleService,
  ) {}

  /** Proposes the attributions in `text` (on a worker thread); reads sources to match names, writes nothing. Throws ExtractionBusyError when the pool's queue is full. */
  async propose(text: string, publishedAt: Date | null | undefined, language: string | null | undefined, field = "text"): Promise<Proposal[]> {
    if (text.length > MAX_EXTRACTION_TEXT) {
      throw new UserInputError(`"${field}" is ${text.length} characters; the limit is ${MAX_EXTRACTION_TEXT}`, field, { limit: MAX_EXTRACTION_TEXT });
    }
    if (language != null && !/^en(-|$)/i.test(language)) {
      throw new UserInputError(`Only English text can be extracted; "language" is "${language}"`, "language");
    }
    const claims = await extractInPool(text, { publishedAt: publishedAt ?? null }).catch((error: unknown) => {
      throw error instanceof ExtractionBusyError ? new BusyError(ErrorCode.EXTRACTION_BUSY, error.message, error.retryAfter) : error;
    });
    const names = [
      ...new Set(
        claims
          .map((c) => c.claimantName)
          .filter((n): n is string => Boolean(n))
          .map(normalizeAlias),
      ),
    ];
    const aliases = names.length
      ? await this.db.sourceAlias.findMany({ where: { normalized: { in: names } }, select: { normalized: true, sourceId: true } })
      : [];
    const sourcesOf = new Map<string, Set<string>>();
    for (const { normalized, sourceId } of aliases) sourcesOf.set(normalized, (sourcesOf.get(normalized) ?? new Set()).add(sourceId));
    return claims.map((claim, index) => {
      const matches = claim.claimantName ? [...(sourcesOf.get(normalizeAlias(claim.claimantName)) ?? [])] : [];
      return {
        index,
        kind: claim.kind as AppearanceKind,
        confidence: claim.confidence,
        text: claim.text,
        cue: claim.cueLemma,
        cueKind: claim.cueKind,
        outerIndex: claim.outerIndex,
        claimant: claim.spans.claimant
          ? {
              name: claim.claimantName,
              role: claim.claimantRole,
              kind: claim.claimantKind as SourceKind,
              sourceId: matches.length === 1 ? matches[0]! : null,
              ambiguous: matches.length > 1,
            }
          : null,
        channel: claim.channelName,
        reportedBy: claim.reportedByName,
        claimedAt: claim.claimedAt,
        claimedAtPrecision: claim.claimedAtPrecision as DatePrecision | null,
        spans: claim.spans,
      };
    });
  }

  /** Creates the article with the accepted proposals, in one transaction (ArticleService.create). */
  async importArticle(viewer: Actor, input: ImportArticleInput) {
    const proposals = await this.propose(input.body, input.publishedAt, "en", "body");
    const accepted = new Set(input.accept ?? proposals.map((p) => p.index));
    for (const [i, index] of (input.accept ?? []).entries()) {
      if (index >= proposals.length) throw new UserInputError(`"accept[${i}]" is ${index}, but only ${proposals.length} claims were proposed`, `accept[${i}]`);
    }
    const saved = proposals.filter((p) => accepted.has(p.index));
    if (saved.length > MAX_CLAIMS_PER_ARTICLE) {
      throw new UserInputError(
        `${saved.length} proposals would be saved; an article holds at most ${MAX_CLAIMS_PER_ARTICLE} claims: pass \`accept\` with the ones to keep`,
        "accept",
        { limit: MAX_CLAIMS_PER_ARTICLE },
      );
    }
    // A channel or reporter that several sources go by is left unconnected, as an ambiguous claimant is: the import goes on and the report names it.
    const ambiguous = await this.ambiguousNames(saved);
    const unclear = new Set(ambiguous.map((a) => `${a.index} ${a.part}`));
    for (const p of saved) {
      if (unclear.has(`${p.index} CHANNEL`)) p.channel = null;
      if (unclear.has(`${p.index} REPORTED_BY`)) p.reportedBy = null;
    }
    const before = await this.existingNames(saved);
    const claims = saved.map((p) => this.claimInput(p, input.body));
    const slug = input.slug ?? slugify(input.title);
    if (!slug) throw new UserInputError("The title gives no slug; pass one", "slug");
    const article = await this.articles.create(viewer, {
      slug,
      title: input.title,
      body: input.body,
      publishedAt: input.publishedAt ?? null,
      publisher: input.publisher ?? null,
      url: input.url ?? null,
      origin: input.origin ?? null,
      language: "en",
      claims,
    });
    const named = [...new Set(saved.flatMap((p) => this.sourceNames(p)))].filter((n) => !before.has(normalizeAlias(n)));
    const createdSources = named.length
      ? await this.db.source.findMany({ where: { aliases: { some: { normalized: { in: named.map(normalizeAlias) } } } }, orderBy: { name: "asc" } })
      : [];
    const ids = [...new Set(ambiguous.flatMap((a) => a.sourceIds))];
    const sources = ids.length ? await this.db.source.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" } }) : [];
    return {
      article,
      report: {
        proposed: proposals.length,
        saved: saved.map((p) => p.index),
        notAccepted: proposals.filter((p) => !accepted.has(p.index)).map((p) => p.index),
        createdSources,
        ambiguous: ambiguous.map(({ index, part, name, sourceIds }) => ({ index, part, name, sources: sources.filter((s) => sourceIds.includes(s.id)) })),
      },
    };
  }

  /** The claimant, channel and reporter names of `proposals` that more than one existing source goes by. */
  private async ambiguousNames(proposals: Proposal[]): Promise<Ambiguous[]> {
    const parts = proposals.flatMap((p) => {
      const found: { index: number; part: Ambiguous["part"]; name: string }[] = [];
      if (p.claimant?.ambiguous && p.claimant.name) found.push({ index: p.index, part: "CLAIMANT", name: p.claimant.name });
      if (p.channel && SOURCE_LIKE_CHANNEL.test(p.channel)) found.push({ index: p.index, part: "CHANNEL", name: p.channel });
      if (p.reportedBy) found.push({ index: p.index, part: "REPORTED_BY", name: p.reportedBy });
      return found;
    });
    const names = [...new Set(parts.map((p) => normalizeAlias(p.name)))];
    if (!names.length) return [];
    const rows = await this.db.sourceAlias.findMany({ where: { normalized: { in: names } }, select: { normalized: true, sourceId: true } });
    const sourcesOf = new Map<string, Set<string>>();
    for (const { normalized, sourceId } of rows) sourcesOf.set(normalized, (sourcesOf.get(normalized) ?? new Set()).add(sourceId));
    return parts.map((p) => ({ ...p, sourceIds: [...(sourcesOf.get(normalizeAlias(p.name)) ?? [])].sort() })).filter((p) => p.sourceIds.length > 1);
  }

  private sourceNames(p: Proposal): string[] {
    const names = [];
    if (p.claimant?.name && !p.claimant.sourceId && !p.claimant.ambiguous) names.push(p.claimant.name);
    if (p.channel && SOURCE_LIKE_CHANNEL.test(p.channel)) names.push(p.channel);
    if (p.reportedBy) names.push(p.reportedBy);
    return names;
  }

  private async existingNames(proposals: Proposal[]): Promise<Set<string>> {
    const names = [...new Set(proposals.flatMap((p) => this.sourceNames(p)).map(normalizeAlias))];
    if (!names.length) return new Set();
    const rows = await this.db.sourceAlias.findMany({ where: { normalized: { in: names } }, select: { normalized: true } });
    return new Set(rows.map((r) => r.normalized));
  }

  private claimInput(p: Proposal, body: string): NewClaimInput {
    const ref = (name: string, kind: SourceKind, role: string | null = null) => ({ alias: name, kind, role }) as SourceRef;
    // The appearance covers the whole attribution: claimant, cue and content.
    const parts = [p.spans.claimant, p.spans.cue, p.spans.content].filter((s): s is NonNullable<typeof s> => s !== null);
    const start = Math.min(...parts.map((s) => s.start));
    const end = Math.max(...parts.map((s) => s.end));
    const named = p.claimant?.name && !p.claimant.ambiguous;
    return {
      text: p.text.slice(0, MAX_CLAIM_TEXT),
      cue: p.cue.slice(0, 60),
      claimant: named ? ref(p.claimant!.name!, p.claimant!.kind, p.claimant!.role) : null,
      // A claim needs a claimant or a description: "it was reported that …" names no source, and says so.
      claimantDescription: named ? null : (p.claimant?.name ?? p.spans.claimant?.text ?? (p.claimant ? "unnamed" : "no source named")),
      claimedAt: p.claimedAt,
      claimedAtPrecision: p.claimedAt ? p.claimedAtPrecision : null,
      channel: p.channel && SOURCE_LIKE_CHANNEL.test(p.channel) ? ref(p.channel, mediumKind(p.channel)) : null,
      reportedBy: p.reportedBy ? ref(p.reportedBy, mediumKind(p.reportedBy)) : null,
      appearances: [{ quote: body.slice(start, end), kind: p.kind, start, end }],
    } as NewClaimInput;
  }
}

// A channel or reporter that does not look like an institution is taken for an outlet, not a person.
const mediumKind = (name: string): SourceKind => {
  const kind = guessKind(name);
  return kind === "PERSON" ? "NEWS_OUTLET" : kind;
};
