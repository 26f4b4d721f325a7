-- The search index's GIN index without a pending list: with fastupdate on, new
-- entries wait in an unsorted list (up to gin_pending_list_limit, 4 MB) that
-- every search reads through, and that the planner prices so high it tests each
-- row's tsvector instead. Writes now update the index directly (a claim is a few
-- dozen entries). The index is marked for one rebuild, which empties the list.
ALTER INDEX "search_index_tsv_idx" SET (fastupdate = off);

UPDATE "search_meta" SET "value" = '0' WHERE "key" = 'tokeniser';
