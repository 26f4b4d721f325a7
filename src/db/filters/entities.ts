import type { NodeTypeName } from "../../shared/globalId.ts";

// The fixed whitelist of what filters may name: every table, column and link
// the SQL compiler writes comes from here, never from input. Keys are the
// fields of the GraphQL filter inputs (ArticleFilter, ClaimFilter, ...).

export type FilterEntity = "Article" | "Claim" | "Source" | "AuditEvent";

export type FilterField =
  /** StringFilter / NullableStringFilter on a column. */
  | { kind: "text"; column: string }
  /** DateTimeFilter on a column. */
  | { kind: "date"; column: string }
  /** IDFilter on the row's id: global ids of `node`. */
  | { kind: "id"; node: NodeTypeName }
  /** `{ equals, in }` on an enum column. */
  | { kind: "enum"; column: string }
  /** A relation through a foreign key on this row: `column` points at the target's id. */
  | { kind: "toOne"; column: string; target: FilterEntity }
  /**
   * A relation through a link table: rows of `table` pair `self` (this row's id) with `other` (the target's id).
   * `selfNullable` when `self` may be null (an appearance known only by URL has no article).
   */
  | { kind: "link"; table: string; self: string; other: string; target: FilterEntity; selfNullable?: true }
  /** A StringFilter on a column of a link table: some row of `table` with `self` = this row's id matches. */
  | { kind: "linkText"; table: string; self: string; column: string }
  /** A global id of any type, matched against the (type, id) pairs of a link table. */
  | { kind: "anyNode"; table: string; self: string; type: string; id: string };

export type FilterEntityInfo = {
  table: string;
  fields: Record<string, FilterField>;
  /** Whether the filter input has AND/OR/NOT. */
  logical: boolean;
};

const text = (column: string): FilterField => ({ kind: "text", column });
const date = (column: string): FilterField => ({ kind: "date", column });
const toOne = (column: string, target: FilterEntity): FilterField => ({ kind: "toOne", column, target });

export const FILTER_ENTITIES: Record<FilterEntity, FilterEntityInfo> = {
  Article: {
    table: "Article",
    logical: true,
    fields: {
      id: { kind: "id", node: "Article" },
      slug: text("slug"),
      title: text("title"),
      language: text("language"),
      publishedAt: date("publishedAt"),
      publisher: toOne("publisherId", "Source"),
      author: { kind: "link", table: "ArticleAuthor", self: "articleId", other: "sourceId", target: "Source" },
      claim: { kind: "link", table: "Appearance", self: "articleId", other: "claimId", target: "Claim", selfNullable: true },
    },
  },
  Claim: {
    table: "Claim",
    logical: true,
    fields: {
      id: { kind: "id", node: "Claim" },
      text: text("text"),
      cue: text("cue"),
      claimantDescription: text("claimantDescription"),
      claimedAt: date("claimedAt"),
      claimant: toOne("claimantId", "Source"),
      channel: toOne("channelId", "Source"),
      reportedBy: toOne("reportedById", "Source"),
      article: { kind: "link", table: "Appearance", self: "claimId", other: "articleId", target: "Article" },
    },
  },
  Source: {
    table: "Source",
    logical: true,
    fields: {
      id: { kind: "id", node: "Source" },
      slug: text("slug"),
      name: text("name"),
      role: text("role"),
      kind: { kind: "enum", column: "kind" },
      alias: { kind: "linkText", table: "SourceAlias", self: "sourceId", column: "alias" },
      affiliation: toOne("affiliationId", "Source"),
    },
  },
  AuditEvent: {
    table: "AuditEvent",
    logical: false,
    fields: {
      operation: text("operation"),
      keyId: text("keyId"),
      at: date("at"),
      entityId: { kind: "anyNode", table: "AuditEntity", self: "eventId", type: "entityType", id: "entityId" },
    },
  },
};

/** Names of the filter fields that hop to another entity, whatever the entity: filterCost prices them. */
export const RELATION_FIELDS: ReadonlySet<string> = new Set(
  Object.values(FILTER_ENTITIES).flatMap(({ fields }) =>
    Object.entries(fields)
      .filter(([, field]) => field.kind === "toOne" || field.kind === "link")
      .map(([name]) => name),
  ),
);
