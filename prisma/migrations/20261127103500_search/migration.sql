-- Full-text search (SQLite): an FTS5 table over text claimgraph has already
-- tokenised (src/search/search.query.ts), so both backends see the same words.
-- Kept in sync by the services, in the same transaction as each write.
CREATE VIRTUAL TABLE "search_fts" USING fts5(
  entity_type UNINDEXED,
  entity_id UNINDEXED,
  content,
  tokenize = 'unicode61 remove_diacritics 0'
);
