-- DropIndex
DROP INDEX "Claim_channelId_idx";

-- CreateIndex
CREATE INDEX "Article_language_idx" ON "Article"("language");

-- CreateIndex
CREATE INDEX "Claim_channelId_claimedAt_id_idx" ON "Claim"("channelId", "claimedAt", "id");

-- CreateIndex
CREATE INDEX "SourceAlias_alias_idx" ON "SourceAlias"("alias");
