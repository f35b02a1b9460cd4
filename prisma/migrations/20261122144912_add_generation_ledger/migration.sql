-- CreateEnum
CREATE TYPE "LlmCallPurpose" AS ENUM ('PROGRAM', 'REPAIR', 'ZERO_SHOT', 'INFO');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "llmBudgetUsd" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "GenerationRequest" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "n" INTEGER NOT NULL,
    "infoKinds" JSONB NOT NULL DEFAULT '[]',
    "language" "ProgramLanguage" NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "budgetUsd" DOUBLE PRECISION,
    "datasetId" TEXT,
    "programs" INTEGER NOT NULL DEFAULT 0,
    "failedSlots" INTEGER NOT NULL DEFAULT 0,
    "stoppedBy" TEXT,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "cachedCalls" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "zeroShotEstimate" JSONB,
    "attempts" JSONB NOT NULL DEFAULT '[]',
    "tries" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "GenerationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LlmCall" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "generationRequestId" TEXT,
    "purpose" "LlmCallPurpose" NOT NULL,
    "attemptId" TEXT,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL,
    "outputTokens" INTEGER NOT NULL,
    "costUsd" DOUBLE PRECISION NOT NULL,
    "cached" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LlmCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GenerationRequest_projectId_createdAt_idx" ON "GenerationRequest"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "LlmCall_projectId_createdAt_idx" ON "LlmCall"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LlmCall_generationRequestId_attemptId_key" ON "LlmCall"("generationRequestId", "attemptId");

-- AddForeignKey
ALTER TABLE "GenerationRequest" ADD CONSTRAINT "GenerationRequest_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmCall" ADD CONSTRAINT "LlmCall_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmCall" ADD CONSTRAINT "LlmCall_generationRequestId_fkey" FOREIGN KEY ("generationRequestId") REFERENCES "GenerationRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
