-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Appearance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT,
    "claimId" TEXT NOT NULL,
    "url" TEXT,
    "quote" TEXT,
    "start" INTEGER,
    "end" INTEGER,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ANCHORED',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Appearance_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Appearance_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Appearance" ("articleId", "claimId", "createdAt", "end", "id", "kind", "quote", "start", "status") SELECT "articleId", "claimId", "createdAt", "end", "id", "kind", "quote", "start", "status" FROM "Appearance";
DROP TABLE "Appearance";
ALTER TABLE "new_Appearance" RENAME TO "Appearance";
CREATE INDEX "Appearance_articleId_start_idx" ON "Appearance"("articleId", "start");
CREATE INDEX "Appearance_claimId_articleId_idx" ON "Appearance"("claimId", "articleId");
CREATE INDEX "Appearance_url_idx" ON "Appearance"("url");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Source_url_idx" ON "Source"("url");
