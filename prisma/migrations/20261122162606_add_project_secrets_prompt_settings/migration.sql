-- AlterEnum
ALTER TYPE "LlmCallPurpose" ADD VALUE 'REFINE';

-- CreateTable
CREATE TABLE "ProgramRefinement" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "baseVersionId" TEXT NOT NULL,
    "candidateVersionId" TEXT,
    "instruction" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "metrics" JSONB,
    "attempts" JSONB NOT NULL DEFAULT '[]',
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "error" TEXT,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ProgramRefinement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProgramRefinement_programId_createdAt_idx" ON "ProgramRefinement"("programId", "createdAt");

-- AddForeignKey
ALTER TABLE "ProgramRefinement" ADD CONSTRAINT "ProgramRefinement_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramRefinement" ADD CONSTRAINT "ProgramRefinement_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;
