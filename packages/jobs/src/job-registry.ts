import type { JobsOptions } from "bullmq";
import type { z } from "zod";
import { ApplyChunkPayload } from "./apply-chunk-payload";
import { ApplyProgramsPayload } from "./apply-programs-payload";
import { ExportPayload } from "./export-payload";
import { FitLabelModelsPayload } from "./fit-label-models-payload";
import { GenerateProgramsPayload } from "./generate-programs-payload";
import { ImportDatasetPayload } from "./import-dataset-payload";
import { ImproveRoundPayload } from "./improve-round-payload";
import { SweepPayload } from "./sweep-payload";
import { parsePayload } from "./parse-payload";
import { PredictPayload } from "./predict-payload";
import { PreviewUploadPayload } from "./preview-upload-payload";
import { RefineProgramPayload } from "./refine-program-payload";
import { RescoreImagesPayload } from "./rescore-images-payload";
import { ProposeConceptsPayload } from "./propose-concepts-payload";
import { ReviewOrderPayload } from "./review-order-payload";
import { RunDiffPayload } from "./run-diff-payload";
import { TrainModelPayload } from "./train-model-payload";
import { TryProgramPayload } from "./try-program-payload";

/**
 * What an enqueue under a job id that was used before does (see `enqueue`):
 * - `new`: a Job row still QUEUED or RUNNING under the id is reused, else a new row is written;
 *   BullMQ keeps one job per id, so the add of a job it still holds changes nothing.
 * - `once`: the id names one version of the job's inputs (derived data): the first enqueue
 *   writes the row and queues the job, every later one returns that row and queues nothing.
 * - `rerun`: the same id runs again after it finished (a run re-applied or re-scored): a
 *   waiting or active job is left alone (`added: false`), a finished one is removed from BullMQ
 *   first, because BullMQ ignores an add under the id of a job it remembers.
 */
export type RepeatPolicy = "new" | "once" | "rerun";

/** One job, defined once: producers, the worker and the reconciler read everything from here. */
export interface JobDefinition<Q extends string = string, S extends z.ZodType = z.ZodType, T extends boolean = boolean> {
  readonly queue: Q;
  /** The payload schema (ids, not data; `actorId` required). */
  readonly payload: S;
  /**
   * Tracked jobs have a Job row in Postgres, written before the BullMQ job (the source of truth:
   * progress, cancel, the reconciler re-adds them after a Redis restart). Untracked ones are short
   * request/answer jobs a page waits for (try a program, preview an upload).
   */
  readonly tracked: T;
  readonly repeat: RepeatPolicy;
  /** BullMQ options of every add (the job id comes from the producer). */
  readonly options: Readonly<Omit<JobsOptions, "jobId" | "parent">>;
}

/**
 * Retry policy of every job: BullMQ never re-runs a failed job (`attempts: 1`, a failure is
 * final: the same input fails the same way). The worker's `trackedJob` re-runs transient
 * failures (Postgres/Redis restarting) in place with backoff, and BullMQ's stalled check re-runs
 * a job whose worker died. Tracked jobs keep their last 1,000 finished BullMQ entries.
 */
const TRACKED = { attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } } as const;
/** A page waits for the answer; nothing reads it ten minutes later. */
const SHORT = { attempts: 1, removeOnComplete: { age: 600 }, removeOnFail: { age: 600 } } as const;

const job = <const Q extends string, S extends z.ZodType, const T extends boolean = true>(
  queue: Q,
  payload: S,
  rest: { tracked?: T; repeat?: RepeatPolicy; options?: JobDefinition["options"] } = {},
): JobDefinition<Q, S, T> => ({ queue, payload, tracked: (rest.tracked ?? true) as T, repeat: rest.repeat ?? "new", options: rest.options ?? TRACKED });

/**
 * Every job of the studio. Adding a job is one entry here (plus its processor in the worker's
 * table, `worker/src/queue-table.ts`); `QUEUES`, the payload types, `enqueue`, the reconciler and
 * the worker's start-up read it.
 *
 * @example
 * JOBS.applyPrograms.queue; // "apply-programs"
 */
export const JOBS = {
  applyPrograms: job("apply-programs", ApplyProgramsPayload, { repeat: "rerun" }),
  // Children of an apply-programs job in a BullMQ flow (their rows are written in bulk by the parent).
  applyChunk: job("apply-chunk", ApplyChunkPayload, { options: { attempts: 1, removeOnComplete: true, removeOnFail: { count: 1000 } } }),
  importDataset: job("import-dataset", ImportDatasetPayload),
  tryProgram: job("try-program", TryProgramPayload, { tracked: false, options: SHORT }),
  previewUpload: job("preview-upload", PreviewUploadPayload, { tracked: false, options: SHORT }),
  generatePrograms: job("generate-programs", GenerateProgramsPayload),
  predict: job("predict", PredictPayload),
  refineProgram: job("refine-program", RefineProgramPayload),
  fitLabelModels: job("fit-label-models", FitLabelModelsPayload),
  trainModel: job("train-model", TrainModelPayload),
  export: job("export", ExportPayload),
  reviewOrder: job("review-order", ReviewOrderPayload, { repeat: "once" }),
  runDiff: job("run-diff", RunDiffPayload, { repeat: "once" }),
  rescoreImages: job("rescore-images", RescoreImagesPayload),
  // "Propose concepts" on an image project's concepts editor: one LLM call, its answer read back (nothing stored but the ledger row).
  proposeConcepts: job("propose-concepts", ProposeConceptsPayload, { tracked: false, options: SHORT }),
  // "Next round": programs aimed at a run's weak spots, kept only when the dev metric improves.
  improveRound: job("improve-round", ImproveRoundPayload),
  // Ablation sweep: program counts x info kinds x temperatures on the project's data.
  sweep: job("sweep", SweepPayload),
} as const;

type Jobs = typeof JOBS;
/** The name of a queue. */
export type QueueName = Jobs[keyof Jobs]["queue"];
/** The definition of the job of queue `Q`. */
export type JobOf<Q extends QueueName> = Extract<Jobs[keyof Jobs], { queue: Q }>;
/** The payload of queue `Q` as the worker reads it (defaults applied). */
export type JobPayload<Q extends QueueName> = z.infer<JobOf<Q>["payload"]>;
/** The payload of queue `Q` as producers write it (fields with defaults may be left out). */
export type JobInput<Q extends QueueName> = z.input<JobOf<Q>["payload"]>;
/** Queues whose jobs have a Job row (everything `enqueue` accepts). */
export type TrackedQueueName = Extract<Jobs[keyof Jobs], { tracked: true }>["queue"];

/**
 * BullMQ queue names shared by producers (web, tests) and the worker.
 *
 * @example
 * new Queue(QUEUES.applyPrograms, { connection });
 */
export const QUEUES = Object.fromEntries(Object.entries(JOBS).map(([key, definition]) => [key, definition.queue])) as {
  readonly [K in keyof Jobs]: Jobs[K]["queue"];
};

const byQueue = new Map<string, JobDefinition>(Object.values(JOBS).map((definition) => [definition.queue, definition]));

/**
 * The definition of a queue's job; throws for a name that is not a queue (a stored Job row of a
 * queue that no longer exists, a typo in a test).
 *
 * @example
 * jobDefinition("export").tracked; // true
 */
export function jobDefinition<Q extends QueueName>(queue: Q): JobOf<Q>;
export function jobDefinition(queue: string): JobDefinition;
export function jobDefinition(queue: string): JobDefinition {
  const definition = byQueue.get(queue);
  if (!definition) throw new Error(`"${queue}" is not a job queue (known: ${[...byQueue.keys()].join(", ")})`);
  return definition;
}

/**
 * The BullMQ options of one job of `queue` under `jobId`: every add of that queue (producers,
 * the apply fan-out, the reconciler) takes them from here.
 *
 * @example
 * await queue.add(QUEUES.export, payload, jobOptions(QUEUES.export, exportId));
 */
export function jobOptions(queue: string, jobId: string): JobsOptions {
  if (!jobId) throw new Error(`a ${queue} job needs a job id`);
  return { ...jobDefinition(queue).options, jobId };
}

/**
 * Validates a payload with its queue's schema, throwing an error that names the queue and every
 * bad field (defaults applied).
 *
 * @example
 * const payload = parseJobPayload(QUEUES.export, job.data);
 */
export function parseJobPayload<Q extends QueueName>(queue: Q, data: unknown): JobPayload<Q> {
  return parsePayload(jobDefinition(queue).payload, queue, data) as JobPayload<Q>;
}
