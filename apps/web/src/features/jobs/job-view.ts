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
  /** Last change (progress, status, heartbeat) seen from the worker. */
  readonly updatedAt: string | null;
}

/** Whether a job may still change. */
export const isActive = (job: Pick<JobView, "status">) => job.status === "QUEUED" || job.status === "RUNNING";

const QUEUE_LABELS: Record<string, string> = {
  "import-dataset": "Import dataset",
  "apply-programs": "Apply programs",
  "try-program": "Try program",
  "generate-programs": "Generate programs",
  predict: "Label new data",
  "refine-program": "Refine program",
  "fit-label-models": "Fit label models",
  "train-model": "Train model",
  export: "Export",
  "review-order": "Order rows for review",
  "run-diff": "Compare runs",
  "improve-round": "Next round",
  sweep: "Ablation sweep",
  "rescore-images": "Re-score pictures",
  "propose-concepts": "Propose concepts",
};

/** A readable name for a queue. */
export const queueLabel = (queue: string) => QUEUE_LABELS[queue] ?? queue;

/**
 * Seconds left for a running job, extrapolated from its progress rate since it started; null
 * while there is too little progress (under 2%) or time (under 2 s) to say.
 *
 * @example
 * etaSeconds({ status: "RUNNING", progress: 25, startedAt: "2026-01-01T00:00:00Z" }, Date.parse("2026-01-01T00:00:10Z")) // 30
 */
export function etaSeconds(job: Pick<JobView, "status" | "progress" | "startedAt">, nowMs: number): number | null {
  if (job.status !== "RUNNING" || !job.startedAt || job.progress < 2 || job.progress >= 100) return null;
  const elapsed = (nowMs - Date.parse(job.startedAt)) / 1000;
  if (!(elapsed >= 2)) return null;
  return Math.round((elapsed * (100 - job.progress)) / job.progress);
}

/**
 * "0.4 s", "42 s", "3 min 5 s", "2 h 10 min".
 *
 * @example
 * formatDuration(185) // "3 min 5 s"
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "";
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** How long a job ran (start to finish, or to now while it runs), or null before it started. */
export function jobDurationSeconds(job: Pick<JobView, "startedAt" | "finishedAt">, nowMs: number): number | null {
  if (!job.startedAt) return null;
  return ((job.finishedAt ? Date.parse(job.finishedAt) : nowMs) - Date.parse(job.startedAt)) / 1000;
}

/**
 * Merges pushed job updates into the list the page shows: updated jobs replace their old
 * version, new ones go first; newest first, at most `limit`.
 *
 * @example
 * setJobs((current) => mergeJobViews(current, event.jobs));
 */
export function mergeJobViews(current: readonly JobView[] | null, updates: readonly JobView[], limit = 50): JobView[] {
  const byId = new Map((current ?? []).map((j) => [j.id, j]));
  for (const job of updates) byId.set(job.id, job);
  return [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)).slice(0, limit);
}
