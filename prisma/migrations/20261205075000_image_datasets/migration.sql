-- CreateEnum
CREATE TYPE "DatasetKind" AS ENUM ('TEXT', 'IMAGE');

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "imageScoring" JSONB,
ADD COLUMN     "kind" "DatasetKind" NOT NULL DEFAULT 'TEXT';

-- CreateTable
CREATE TABLE "DatasetImage" (
    "datasetId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "thumbnail" BYTEA NOT NULL,
    "embedding" BYTEA NOT NULL,

    CONSTRAINT "DatasetImage_pkey" PRIMARY KEY ("datasetId","index")
);

-- AddForeignKey
ALTER TABLE "DatasetImage" ADD CONSTRAINT "DatasetImage_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
