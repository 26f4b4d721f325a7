-- Full-text search (PostgreSQL): a tsvector over text claimgraph has already
-- tokenised (src/search/search.query.ts), with the 'simple' configuration (no
-- stemming), so both backends see the same words. Kept in sync by the services,
-- in the same transaction as each write.
CREATE TABLE "search_index" (
  "entity_type" TEXT NOT NULL,
  "entity_id" TEXT NOT NULL,
  "content" TEXT NOT NULL,
  "tsv" TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', "content")) STORED,
  PRIMARY KEY ("entity_type", "entity_id")
);

CREATE INDEX "search_index_tsv_idx" ON "search_index" USING GIN ("tsv");
