import type { FlowProducer, Processor, Worker } from "bullmq";
import type { ProgramRunner } from "@alchemist/engine";
import type { Db } from "@alchemist/db";
import type { CancelMessage, JobQueue, QueueName } from "@alchemist/jobs";
import { createApplyChunkProcessor } from "./apply-programs/apply-chunk-processor";
import { createApplyProgramsProcessor } from "./apply-programs/apply-programs-processor";
import { ChunkCancels } from "./apply-programs/chunk-cancels";
import { createReviewOrderProcessor, createRunDiffProcessor } from "./derived-data/derived-data-processors";
import { createExportProcessor } from "./export/export-processor";
import { createFitLabelModelsProcessor } from "./fit-label-models/fit-label-models-processor";
import { createGenerateProgramsProcessor } from "./generate-programs/generate-programs-processor";
import type { WorkerLlmConfig } from "./generate-programs/worker-llm";
import { createImportDatasetProcessor } from "./import-dataset/import-dataset-processor";
import { createImproveRoundProcessor } from "./improve-round/improve-round-processor";
import { createSweepProcessor } from "./sweep/sweep-processor";
import { createPredictProcessor } from "./predict/predict-processor";
import { createPreviewUploadProcessor } from "./preview-upload/preview-upload-processor";
import { createRescoreImagesProcessor } from "./images/rescore-images-processor";
import { createProposeConceptsProcessor } from "./images/propose-concepts-processor";
import { createRefineProgramProcessor } from "./refine-program/refine-program-processor";
import { createTrainModelProcessor } from "./train-model/train-model-processor";
import { createTryProgramProcessor } from "./try-program/try-program-processor";

/** How the worker runs one queue (`startQueueWorkers` turns it into a BullMQ worker). */
export interface QueueEntry {
  /** Validates its own payload (the registry's schema) and runs the job. */
  readonly processor: Processor<unknown, unknown>;
  /** Jobs of this queue at once in this process; default 1. */
  readonly concurrency?: number;
  /** Also told of every cancel message of the queue. */
  readonly onCancel?: (message: CancelMessage) => void;
  /** Called with the started worker. */
  readonly onStart?: (worker: Worker) => void;
  /** Its completed jobs (re)wrote a run's analysis or pseudolabels: the run's stale review orders are queued after them. */
  readonly changesRun?: boolean;
  /** Completions are not logged (a part of another job, hundreds per run). */
  readonly quiet?: boolean;
}

/** Every queue of the job registry with how this worker runs it: a queue without an entry fails typecheck. */
export type QueueTable = { readonly [Q in QueueName]: QueueEntry };

/**
 * A run's apply: the `apply-programs` parents (plan a run's chunks, then analyse and fit) and the
 * `apply-chunk` children any worker process takes. `runner` (one per process) keeps programs'
 * sandboxes warm across a run's chunk jobs; a cancel on the parent's channel reaches its chunks.
 *
 * @example
 * const entries = applyQueueEntries({ db: prisma, runner, flow, concurrency: 1, chunkConcurrency: 2 });
 */
export function applyQueueEntries(deps: {
  db: Db;
  runner: ProgramRunner;
  flow: FlowProducer;
  concurrency?: number;
  chunkConcurrency?: number;
}): Pick<QueueTable, "apply-programs" | "apply-chunk"> {
  const cancels = new ChunkCancels(deps.db);
  return {
    // The studio cancels a run's apply on the apply-programs channel (job id = run id). Parents hold no slot while their chunks run.
    "apply-programs": {
      processor: createApplyProgramsProcessor({ db: deps.db, flow: deps.flow }),
      concurrency: deps.concurrency,
      onCancel: (message) => void cancels.cancelRun(message),
      changesRun: true,
    },
    // The runner already uses every core on one chunk.
    "apply-chunk": {
      processor: createApplyChunkProcessor({ db: deps.db, runner: deps.runner, cancels }),
      concurrency: deps.chunkConcurrency,
      onStart: (worker) => cancels.attach(worker),
      quiet: true,
    },
  };
}

/** What the processors of one worker process share. */
export interface WorkerServices {
  readonly db: Db;
  /** Runs applies' chunks (one per process). */
  readonly runner: ProgramRunner;
  /** A small runner for short calls (try, generation and refine checks) that must not wait behind an apply. */
  readonly tryRunner: ProgramRunner;
  readonly llm: WorkerLlmConfig;
  /** Adds the apply fan-out's chunk jobs. */
  readonly flow: FlowProducer;
  readonly uploadDir: string;
  /** CLIP model folder of image datasets (CLIP_MODEL_DIR), loaded when an image job first needs it. */
  readonly clipModelDir?: string | undefined;
  /** On-disk image embedding cache (CLIP_CACHE_DIR); unset: every import embeds its pictures. */
  readonly clipCacheDir?: string | undefined;
  readonly exportDir: string;
  readonly applyConcurrency: number;
  readonly chunkConcurrency: number;
  /** Producer of apply-programs jobs: a kept "Next round" queues the run with its programs. */
  readonly applyQueue?: JobQueue | undefined;
}

/**
 * The worker's table: queue -> processor and concurrency. Adding a job is one entry in the job
 * registry (packages/jobs) and one here.
 *
 * @example
 * await startQueueWorkers(queueTable(services), { db: prisma, connection, prefix });
 */
export function queueTable(s: WorkerServices): QueueTable {
  const { db } = s;
  return {
    ...applyQueueEntries({ db, runner: s.runner, flow: s.flow, concurrency: s.applyConcurrency, chunkConcurrency: s.chunkConcurrency }),
    "import-dataset": { processor: createImportDatasetProcessor({ db, uploadDir: s.uploadDir, clipModelDir: s.clipModelDir, clipCacheDir: s.clipCacheDir }) },
    "try-program": { processor: createTryProgramProcessor({ db, runner: s.tryRunner }), concurrency: 2 },
    "preview-upload": { processor: createPreviewUploadProcessor({ uploadDir: s.uploadDir }), concurrency: 2 },
    // Generation and refinement validate programs in the sandbox: small, short calls on the try runner.
    "generate-programs": { processor: createGenerateProgramsProcessor({ db, runner: s.tryRunner, llm: s.llm }) },
    predict: { processor: createPredictProcessor({ db, uploadDir: s.uploadDir }) },
    "refine-program": { processor: createRefineProgramProcessor({ db, runner: s.tryRunner, llm: s.llm }) },
    // Refits and training run their CPU-heavy part in a worker thread.
    "fit-label-models": { processor: createFitLabelModelsProcessor({ db }), changesRun: true },
    "train-model": { processor: createTrainModelProcessor({ db, clipModelDir: s.clipModelDir }), changesRun: true },
    export: { processor: createExportProcessor({ db, exportDir: s.exportDir }) },
    // Heavy derived data the pages read once stored (queued again after a run changes).
    "review-order": { processor: createReviewOrderProcessor({ db }) },
    "run-diff": { processor: createRunDiffProcessor({ db }) },
    // New concepts for an image dataset: its stored embeddings scored again (no picture embedded twice).
    "rescore-images": { processor: createRescoreImagesProcessor({ db, clipModelDir: s.clipModelDir }) },
    // "Propose concepts": one LLM call on the project's provider, answered to the concepts editor.
    "propose-concepts": { processor: createProposeConceptsProcessor({ db, llm: s.llm }), concurrency: 2 },
    // "Next round": applies the base run's programs in memory and validates aimed ones, on the apply runner.
    "improve-round": { processor: createImproveRoundProcessor({ db, runner: s.runner, llm: s.llm, applyQueue: s.applyQueue }) },
    // Ablation sweep: generates and applies each grid cell's programs in memory, on the apply runner.
    sweep: { processor: createSweepProcessor({ db, runner: s.runner, llm: s.llm }) },
  };
}
