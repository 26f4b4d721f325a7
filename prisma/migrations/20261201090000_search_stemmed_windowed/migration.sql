-- Search index, second shape (SQLite): index forms from claimgraph's own
-- tokeniser with English stemming (src/search/search.text.ts).
-- `search_rows` names each document once, under an integer that is also its
-- FTS5 rowid (a later write gets a higher one: the order ranking windows take),
-- so a write finds its row through an index instead of scanning the FTS table.
-- `search_fts` is contentless (the text lives in the entity tables): `content`
-- holds the index forms, `words` the written words whose form differs (for prefix*).
-- The index is left empty at tokeniser version 0: the migration step
-- (npm run db:migrate, start-up, or npm run search:reindex) rebuilds it once.
DROP TABLE "search_fts";

CREATE TABLE "search_rows" (
  "id" INTEGER NOT NULL PRIMARY KEY,
  "entity_type" TEXT NOT NULL,
  "entity_id" TEXT NOT NULL,
  "stemmer" TEXT NOT NULL
);

CREATE UNIQUE INDEX "search_rows_entity_key" ON "search_rows" ("entity_type", "entity_id");

CREATE VIRTUAL TABLE "search_fts" USING fts5(
  content,
  words,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TABLE "search_meta" (
  "key" TEXT NOT NULL PRIMARY KEY,
  "value" TEXT NOT NULL
);

INSERT INTO "search_meta" ("key", "value") VALUES ('tokeniser', '0');
