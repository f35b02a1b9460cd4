-- AlterTable
ALTER TABLE "ReviewOrder" ADD COLUMN     "pseudolabelsAt" TIMESTAMP(3);

-- Pages read a slice of a stored order (substring): uncompressed TOAST fetches only that slice.
ALTER TABLE "ReviewOrder" ALTER COLUMN "rowIndices" SET STORAGE EXTERNAL;
