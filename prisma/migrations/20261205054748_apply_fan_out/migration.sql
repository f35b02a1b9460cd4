-- AlterTable
ALTER TABLE "ProgramOutput" ADD COLUMN     "stopped" JSONB;

-- CreateTable
CREATE TABLE "ProgramStop" (
    "runId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "chunkIndex" INTEGER NOT NULL,
    "row" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgramStop_pkey" PRIMARY KEY ("runId","codeHash")
);

-- CreateIndex
CREATE INDEX "Job_runId_queue_idx" ON "Job"("runId", "queue");

-- CreateIndex
CREATE INDEX "Job_queue_externalId_idx" ON "Job"("queue", "externalId");

-- AddForeignKey
ALTER TABLE "ProgramStop" ADD CONSTRAINT "ProgramStop_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
