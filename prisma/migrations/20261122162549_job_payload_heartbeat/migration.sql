-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "payload" JSONB;

-- CreateTable
CREATE TABLE "ProjectSecret" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "iv" BYTEA NOT NULL,
    "authTag" BYTEA NOT NULL,
    "keyVersion" INTEGER NOT NULL DEFAULT 1,
    "last4" TEXT NOT NULL,
    "baseUrl" TEXT,
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromptSettings" (
    "projectId" TEXT NOT NULL,
    "keywords" TEXT NOT NULL DEFAULT '',
    "rules" TEXT NOT NULL DEFAULT '',
    "exemplars" JSONB NOT NULL DEFAULT '[]',
    "template" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PromptSettings_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "TaskDocument" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaskDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskDocumentChunk" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "TaskDocumentChunk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pseudolabel" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "chunkIndex" INTEGER NOT NULL,
    "chunkRows" INTEGER NOT NULL,
    "k" INTEGER NOT NULL,
    "probs" BYTEA NOT NULL,
    "entropy" BYTEA NOT NULL,
    "maxEntropy" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pseudolabel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainedModel" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "lossCurve" JSONB NOT NULL DEFAULT '[]',
    "metrics" JSONB,
    "config" JSONB NOT NULL DEFAULT '{}',
    "classNames" JSONB NOT NULL DEFAULT '[]',
    "onnx" BYTEA,
    "onnxBytes" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "TrainedModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunDiff" (
    "id" TEXT NOT NULL,
    "runAId" TEXT NOT NULL,
    "runBId" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunDiff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProjectSecret_projectId_provider_key" ON "ProjectSecret"("projectId", "provider");

-- CreateIndex
CREATE INDEX "TaskDocument_projectId_createdAt_idx" ON "TaskDocument"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TaskDocumentChunk_documentId_position_key" ON "TaskDocumentChunk"("documentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Pseudolabel_runId_chunkIndex_key" ON "Pseudolabel"("runId", "chunkIndex");

-- CreateIndex
CREATE INDEX "TrainedModel_projectId_createdAt_idx" ON "TrainedModel"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "TrainedModel_runId_idx" ON "TrainedModel"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "RunDiff_runAId_runBId_key" ON "RunDiff"("runAId", "runBId");

-- AddForeignKey
ALTER TABLE "ProjectSecret" ADD CONSTRAINT "ProjectSecret_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromptSettings" ADD CONSTRAINT "PromptSettings_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskDocument" ADD CONSTRAINT "TaskDocument_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskDocumentChunk" ADD CONSTRAINT "TaskDocumentChunk_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "TaskDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pseudolabel" ADD CONSTRAINT "Pseudolabel_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainedModel" ADD CONSTRAINT "TrainedModel_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainedModel" ADD CONSTRAINT "TrainedModel_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunDiff" ADD CONSTRAINT "RunDiff_runAId_fkey" FOREIGN KEY ("runAId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunDiff" ADD CONSTRAINT "RunDiff_runBId_fkey" FOREIGN KEY ("runBId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
