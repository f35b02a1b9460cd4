-- CreateEnum
CREATE TYPE "GoldSource" AS ENUM ('GOLD_IMPORT', 'REVIEW');

-- CreateEnum
CREATE TYPE "ReviewBatchStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "CommentTarget" AS ENUM ('ROW', 'PROGRAM');

-- AlterTable
ALTER TABLE "Row" ADD COLUMN     "goldSource" "GoldSource" NOT NULL DEFAULT 'GOLD_IMPORT';

-- CreateTable
CREATE TABLE "Annotation" (
    "id" TEXT NOT NULL,
    "rowId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "label" INTEGER NOT NULL,
    "comment" TEXT,
    "batchId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Annotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewBatch" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "overlap" INTEGER NOT NULL,
    "blind" BOOLEAN NOT NULL DEFAULT false,
    "status" "ReviewBatchStatus" NOT NULL DEFAULT 'OPEN',
    "strategy" TEXT NOT NULL,
    "seed" INTEGER,
    "runId" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewAssignment" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "rowId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "ReviewAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Adjudication" (
    "id" TEXT NOT NULL,
    "rowId" TEXT NOT NULL,
    "batchId" TEXT,
    "label" INTEGER NOT NULL,
    "by" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Adjudication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "targetType" "CommentTarget" NOT NULL,
    "targetId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewOrder" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rowIndices" BYTEA NOT NULL,
    "scored" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewOrder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Annotation_rowId_idx" ON "Annotation"("rowId");

-- CreateIndex
CREATE INDEX "Annotation_batchId_userId_idx" ON "Annotation"("batchId", "userId");

-- CreateIndex
CREATE INDEX "Annotation_userId_createdAt_idx" ON "Annotation"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewBatch_projectId_createdAt_idx" ON "ReviewBatch"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewAssignment_userId_done_idx" ON "ReviewAssignment"("userId", "done");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewAssignment_batchId_rowId_userId_key" ON "ReviewAssignment"("batchId", "rowId", "userId");

-- CreateIndex
CREATE INDEX "Adjudication_rowId_idx" ON "Adjudication"("rowId");

-- CreateIndex
CREATE INDEX "Adjudication_batchId_idx" ON "Adjudication"("batchId");

-- CreateIndex
CREATE INDEX "Comment_projectId_targetType_targetId_createdAt_idx" ON "Comment"("projectId", "targetType", "targetId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewOrder_runId_kind_key" ON "ReviewOrder"("runId", "kind");

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_rowId_fkey" FOREIGN KEY ("rowId") REFERENCES "Row"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ReviewBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewBatch" ADD CONSTRAINT "ReviewBatch_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewBatch" ADD CONSTRAINT "ReviewBatch_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAssignment" ADD CONSTRAINT "ReviewAssignment_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ReviewBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAssignment" ADD CONSTRAINT "ReviewAssignment_rowId_fkey" FOREIGN KEY ("rowId") REFERENCES "Row"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjudication" ADD CONSTRAINT "Adjudication_rowId_fkey" FOREIGN KEY ("rowId") REFERENCES "Row"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjudication" ADD CONSTRAINT "Adjudication_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ReviewBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewOrder" ADD CONSTRAINT "ReviewOrder_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
