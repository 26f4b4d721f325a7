-- CreateTable
CREATE TABLE "SourceRedirect" (
    "fromId" TEXT NOT NULL PRIMARY KEY,
    "fromSlug" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SourceRedirect_toId_fkey" FOREIGN KEY ("toId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "keyId" TEXT,
    "keyName" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    CONSTRAINT "AuditEvent_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntity" (
    "eventId" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,

    PRIMARY KEY ("eventId", "entityType", "entityId"),
    CONSTRAINT "AuditEntity_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AuditEvent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Article" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "body" TEXT NOT NULL,
    "url" TEXT,
    "language" TEXT,
    "publishedAt" DATETIME,
    "publisherId" TEXT,
    "translationOfId" TEXT,
    "origin" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Article_publisherId_fkey" FOREIGN KEY ("publisherId") REFERENCES "Source" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Article_translationOfId_fkey" FOREIGN KEY ("translationOfId") REFERENCES "Article" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Article" ("body", "createdAt", "id", "language", "origin", "publishedAt", "publisherId", "slug", "summary", "title", "translationOfId", "updatedAt", "url") SELECT "body", "createdAt", "id", "language", "origin", "publishedAt", "publisherId", "slug", "summary", "title", "translationOfId", "updatedAt", "url" FROM "Article";
DROP TABLE "Article";
ALTER TABLE "new_Article" RENAME TO "Article";
CREATE UNIQUE INDEX "Article_slug_key" ON "Article"("slug");
CREATE UNIQUE INDEX "Article_url_key" ON "Article"("url");
CREATE INDEX "Article_publishedAt_id_idx" ON "Article"("publishedAt", "id");
CREATE INDEX "Article_title_id_idx" ON "Article"("title", "id");
CREATE INDEX "Article_createdAt_id_idx" ON "Article"("createdAt", "id");
CREATE INDEX "Article_publisherId_idx" ON "Article"("publisherId");
CREATE INDEX "Article_translationOfId_idx" ON "Article"("translationOfId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SourceRedirect_fromSlug_key" ON "SourceRedirect"("fromSlug");

-- CreateIndex
CREATE INDEX "SourceRedirect_toId_idx" ON "SourceRedirect"("toId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_at_id_idx" ON "AuditEvent"("at", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_operation_at_idx" ON "AuditEvent"("operation", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_keyId_at_idx" ON "AuditEvent"("keyId", "at");

-- CreateIndex
CREATE INDEX "AuditEntity_entityType_entityId_idx" ON "AuditEntity"("entityType", "entityId");
