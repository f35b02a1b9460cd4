/** A job as the browser sees it (JSON-safe). */
export interface JobView {
  readonly id: string;
  readonly queue: string;
  readonly status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  readonly progress: number;
  readonly stage: string | null;
  readonly error: string | null;
  readonly result: Record<string, unknown> | null;
  readonly runId: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** Whether a job may still change. */
export const isActive = (job: Pick<JobView, "status">) => job.status === "QUEUED" || job.status === "RUNNING";

const QUEUE_LABELS: Record<string, string> = { "import-dataset": "Import dataset", "apply-programs": "Apply programs", "try-program": "Try program", "generate-programs": "Generate programs", predict: "Label new data" };

/** A readable name for a queue. */
export const queueLabel = (queue: string) => QUEUE_LABELS[queue] ?? queue;
