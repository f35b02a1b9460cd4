-- CreateTable
CREATE TABLE "ImprovementRound" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "baseRunId" TEXT NOT NULL,
    "generationRequestId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "prune" BOOLEAN NOT NULL DEFAULT false,
    "report" JSONB,
    "nextRunId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImprovementRound_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ImprovementRound_generationRequestId_key" ON "ImprovementRound"("generationRequestId");

-- CreateIndex
CREATE INDEX "ImprovementRound_projectId_round_idx" ON "ImprovementRound"("projectId", "round");

-- AddForeignKey
ALTER TABLE "ImprovementRound" ADD CONSTRAINT "ImprovementRound_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
