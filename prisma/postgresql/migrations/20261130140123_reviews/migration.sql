-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('TRUE', 'MOSTLY_TRUE', 'MIXED', 'MOSTLY_FALSE', 'FALSE', 'MISLEADING', 'UNPROVEN', 'SATIRE', 'OUTDATED');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'RETRACTED');

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "ratingValue" INTEGER,
    "bestRating" INTEGER,
    "worstRating" INTEGER,
    "alternateName" TEXT NOT NULL,
    "ratingExplanation" TEXT,
    "verdict" "Verdict" NOT NULL,
    "verdictSetByEditor" BOOLEAN NOT NULL DEFAULT false,
    "url" TEXT,
    "headline" TEXT,
    "datePublished" TIMESTAMP(3),
    "language" TEXT,
    "status" "ReviewStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewAuthor" (
    "reviewId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ReviewAuthor_pkey" PRIMARY KEY ("reviewId","sourceId")
);

-- CreateTable
CREATE TABLE "VerdictMapping" (
    "rating" TEXT NOT NULL,
    "verdict" "Verdict" NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VerdictMapping_pkey" PRIMARY KEY ("rating")
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

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAuthor" ADD CONSTRAINT "ReviewAuthor_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAuthor" ADD CONSTRAINT "ReviewAuthor_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
