-- AlterEnum
ALTER TYPE "AppearanceStatus" ADD VALUE 'URL_ONLY';

-- AlterTable
ALTER TABLE "Appearance" ADD COLUMN     "url" TEXT,
ALTER COLUMN "articleId" DROP NOT NULL,
ALTER COLUMN "quote" DROP NOT NULL,
ALTER COLUMN "start" DROP NOT NULL,
ALTER COLUMN "end" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Appearance_url_idx" ON "Appearance"("url");

-- CreateIndex
CREATE INDEX "Source_url_idx" ON "Source"("url");
