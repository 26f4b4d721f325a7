-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "ratingValue" INTEGER,
    "bestRating" INTEGER,
    "worstRating" INTEGER,
    "alternateName" TEXT NOT NULL,
    "ratingExplanation" TEXT,
    "verdict" TEXT NOT NULL,
    "verdictSetByEditor" BOOLEAN NOT NULL DEFAULT false,
    "url" TEXT,
    "headline" TEXT,
    "datePublished" DATETIME,
    "language" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Review_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewAuthor" (
    "reviewId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("reviewId", "sourceId"),
    CONSTRAINT "ReviewAuthor_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewAuthor_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VerdictMapping" (
    "rating" TEXT NOT NULL PRIMARY KEY,
    "verdict" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Review_url_key" ON "Review"("url");

-- CreateIndex
CREATE INDEX "Review_claimId_datePublished_id_idx" ON "Review"("claimId", "datePublished", "id");

-- CreateIndex
CREATE INDEX "Review_reviewerId_datePublished_id_idx" ON "Review"("reviewerId", "datePublished", "id");

-- CreateIndex
CREATE INDEX "Review_datePublished_id_idx" ON "Review"("datePublished", "id");

-- CreateIndex
CREATE INDEX "Review_createdAt_id_idx" ON "Review"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Review_verdict_idx" ON "Review"("verdict");

-- CreateIndex
CREATE INDEX "ReviewAuthor_sourceId_idx" ON "ReviewAuthor"("sourceId");
