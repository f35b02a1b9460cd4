-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "multiLabel" BOOLEAN NOT NULL DEFAULT false;
