-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "classNames" JSONB;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "result" JSONB;
