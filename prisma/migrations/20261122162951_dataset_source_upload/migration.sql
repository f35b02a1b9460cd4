-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "sourceUploadId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_sourceUploadId_key" ON "Dataset"("sourceUploadId");
