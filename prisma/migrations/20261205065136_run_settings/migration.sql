-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "runSettings" JSONB;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "settings" JSONB;
