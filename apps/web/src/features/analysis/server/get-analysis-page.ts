import "server-only";
import { z } from "zod";
import { findProjectTask, getPrisma, readRunDataStamp, readVoteRowPage, runPrograms, type Db, type VoteRow, type VoteRowFilter } from "@alchemist/db";
import { classSetNames, runMetricsSchema } from "@alchemist/engine";
import { getEnv } from "@/env";
import { authorizeProject } from "@/features/auth";
import { AppError } from "@/lib/app-error";
import { createStampedCache } from "@/lib/stamped-cache";
import { parseAnalysisSnapshot, type AnalysisView } from "../analysis-view";
import { CLICK_PAGE_SIZE, clickThroughTotal, type ClickThroughQuery } from "../click-through";

const classesSchema = z.array(z.object({ name: z.string() }).passthrough());

/** A finished run the picker offers. */
export interface RunOption {
  readonly id: string;
  readonly createdAt: string;
  readonly labelModel: string | null;
}

/** One page of click-through rows with their total (from the snapshot) and page count. */
export interface ClickThroughPage {
  readonly query: ClickThroughQuery;
  readonly rows: readonly VoteRow[];
  /** 0-based. */
  readonly page: number;
  readonly total: number | null;
  readonly pages: number | null;
  /** Whether a next page exists (known even without a stored total). */
  readonly hasNext: boolean;
}

export interface AnalysisPageData {
  readonly runs: readonly RunOption[];
  readonly run: RunOption | null;
  readonly analysis: AnalysisView | null;
  /** The task's classes; for a multi-label task its class sets by bitmask ("sports|tech"), as its votes are analysed. */
  readonly classNames: readonly string[];
  readonly clickThrough: ClickThroughPage | null;
  /** A multi-label run's label models on test gold (classes at probability >= 0.5); null otherwise or without test gold. */
  readonly multiLabel?: { readonly n: number; readonly microF1: number; readonly macroF1: number } | null;
}

/**
 * The analysis page's data: the project's finished runs (for the picker), the chosen run's stored
 * analysis snapshot (the latest run unless `runId` picks one), the task's class names and, when a
 * click-through is asked for, one page of matching rows read from the vote chunks. Nothing here
 * loads all rows or computes statistics: the worker stored them.
 *
 * @example
 * const data = await getAnalysisPage(projectId, { runId: undefined, click: { view: "fires", p: 0 }, page: 0 });
 */
export async function getAnalysisPage(
  projectId: string,
  input: { runId?: string | undefined; click: ClickThroughQuery | null; page: number },
): Promise<AnalysisPageData> {
  await authorizeProject(projectId, "read");
  getEnv();
  const db = getPrisma();
  // Everything but the click-through rows derives from run and task rows: kept per project and
  // run choice under their stamp (read first, so a write anywhere is seen on the next request).
  const { stamp } = await readRunDataStamp(db, projectId);
  const snapshot = await snapshots.get(`${projectId}\u0000${input.runId ?? ""}`, stamp, () => loadSnapshot(db, projectId, input.runId));
  const { runs, run, chosen, analysis, classNames, multiLabel } = snapshot;
  if (!chosen) return { runs, run: null, analysis: null, classNames, clickThrough: null };
  if (!run || !analysis) return { runs, run: chosen, analysis: null, classNames, clickThrough: null, multiLabel };
  const clickThrough = input.click ? await readClickThrough(db, run, analysis, input.click, input.page) : null;
  return { runs, run: chosen, analysis, classNames, clickThrough, multiLabel };
}

/** The analysis page's data without the click-through rows: run options, the chosen run's parsed snapshot, class names. */
interface AnalysisSnapshot {
  readonly runs: readonly RunOption[];
  readonly chosen: RunOption | null;
  readonly run: { id: string; programs: unknown; dataset: { id: string; chunkSize: number; rowCount: number } } | null;
  readonly analysis: AnalysisView | null;
  readonly classNames: readonly string[];
  readonly multiLabel: AnalysisPageData["multiLabel"];
}

// A parsed snapshot is tens of KB at 20 programs: at most 200 (project, picked run) per process.
const snapshots = createStampedCache<AnalysisSnapshot>(200);

async function loadSnapshot(db: Db, projectId: string, runId: string | undefined): Promise<AnalysisSnapshot> {
  const [runs, task] = await Promise.all([
    db.run.findMany({
      where: { projectId, status: "SUCCEEDED" },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, createdAt: true, labelModel: true },
    }),
    findProjectTask(db, projectId),
  ]);
  const options = runs.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), labelModel: r.labelModel }));
  const taskClasses = task ? classesSchema.parse(task.classes).map((c) => c.name) : [];
  const classNames = task?.multiLabel ? classSetNames(taskClasses) : taskClasses;
  const chosen = runId ? options.find((r) => r.id === runId) : options[0];
  if (runId && !chosen) throw new AppError("NOT_FOUND", `run ${runId} is not a finished run of this project`);
  if (!chosen) return { runs: options, chosen: null, run: null, analysis: null, classNames, multiLabel: null };
  const run = await db.run.findUniqueOrThrow({
    where: { id: chosen.id },
    select: { id: true, analysis: true, metrics: true, programs: true, dataset: { select: { id: true, chunkSize: true, rowCount: true } } },
  });
  const test = task?.multiLabel && run.metrics ? runMetricsSchema.parse(run.metrics).multiLabel?.test : null;
  const multiLabel = test ? { n: test.n, microF1: test.microF1, macroF1: test.macroF1 } : null;
  const analysis = run.analysis ? parseAnalysisSnapshot(run.analysis, run.id) : null;
  return { runs: options, chosen, run: { id: run.id, programs: run.programs, dataset: run.dataset }, analysis, classNames, multiLabel };
}

async function readClickThrough(
  db: ReturnType<typeof getPrisma>,
  run: { id: string; programs: unknown; dataset: { id: string; chunkSize: number; rowCount: number } },
  analysis: AnalysisView,
  query: ClickThroughQuery,
  page: number,
): Promise<ClickThroughPage> {
  const m = analysis.programs.length;
  const used = "p" in query ? [query.p] : [query.a, query.b];
  if (used.some((j) => j >= m)) throw new AppError("BAD_REQUEST", `this run has ${m} programs (0..${m - 1}); the link asks for program ${Math.max(...used)}`);
  if (query.view === "pair-conflict" && query.a === query.b)
    throw new AppError("BAD_REQUEST", "a program never conflicts with itself: pick two different programs");
  const total = clickThroughTotal(analysis, query);
  const pages = total === null ? null : Math.max(1, Math.ceil(total / CLICK_PAGE_SIZE));
  const current = pages === null ? page : Math.min(page, pages - 1);
  const filter: VoteRowFilter = "p" in query ? { kind: query.view, program: query.p } : { kind: query.view, a: query.a, b: query.b };
  // One row past the page tells whether a next page exists when the snapshot has no total.
  const result = await readVoteRowPage(db, {
    dataset: run.dataset,
    codeHashes: runPrograms(run).map((p) => p.codeHash),
    filter,
    page: current,
    pageSize: CLICK_PAGE_SIZE,
    ...(total !== null ? { total } : {}),
  });
  const hasNext = pages !== null ? current < pages - 1 : !result.complete;
  return { query, rows: result.rows, page: current, total, pages, hasNext };
}
