import "server-only";
import { runAnalysisSchema } from "@alchemist/engine";
import { getPrisma, runPrograms } from "@alchemist/db";
import { readRunNames } from "@/features/runs";

/** The program's figures in the newest analysed run that included it. */
export interface ProgramLastRun {
  readonly runId: string;
  readonly runName: string;
  readonly finishedAt: string | null;
  /** The version the run applied. */
  readonly version: number | null;
  readonly rows: number | null;
  readonly coverage: number;
  /** Rows it votes on; null in snapshots that did not count them. */
  readonly votes: number | null;
  readonly devAccuracy: number | null;
  readonly devCorrect: number | null;
  readonly devIncorrect: number | null;
  readonly faults: number;
  readonly faultKinds: Readonly<Record<string, number>>;
  readonly stopped: { readonly row: number; readonly reason: string } | null;
  /** Every row faulted: the program labels nothing, whatever its code looks like. */
  readonly faultedEveryRow: boolean;
}

// Runs without this program (it was disabled, or added since) are skipped; a few are enough.
const RUNS_LOOKED_AT = 10;

/**
 * The program's coverage, dev accuracy and fault counts in the newest succeeded run that applied
 * it (read from the stored `Run.analysis`, parsed with the engine's `runAnalysisSchema`), or null
 * when no run has it yet.
 *
 * @example
 * const last = await getProgramLastRun(projectId, programId);
 * if (last?.faultedEveryRow) warn(`${last.faults} faults on ${last.rows} rows`);
 */
export async function getProgramLastRun(projectId: string, programId: string): Promise<ProgramLastRun | null> {
  const db = getPrisma();
  const runs = await db.run.findMany({
    where: { projectId, status: "SUCCEEDED" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: RUNS_LOOKED_AT,
    select: { id: true, finishedAt: true, programs: true, analysis: true },
  });
  for (const run of runs) {
    const frozen = runPrograms(run).find((p) => p.programId === programId);
    if (!frozen || run.analysis === null) continue;
    const parsed = runAnalysisSchema.safeParse(run.analysis);
    if (!parsed.success) throw new Error(`run ${run.id} has a malformed analysis snapshot: ${parsed.error.issues[0]?.message ?? "unknown shape"}`);
    const analysis = parsed.data;
    const stats = analysis.programs.find((p) => p.programId === programId) ?? analysis.programs.find((p) => p.name === frozen.name);
    if (!stats) continue;
    const [names, version] = await Promise.all([
      readRunNames(projectId),
      db.programVersion.findUnique({ where: { id: frozen.programVersionId }, select: { version: true } }),
    ]);
    const faultKinds = typeof stats.faults === "object" ? stats.faults : {};
    const faults = typeof stats.faults === "number" ? stats.faults : Object.values(faultKinds).reduce((sum, n) => sum + n, 0);
    const rows = analysis.rows ?? null;
    return {
      runId: run.id,
      runName: names.runs.get(run.id) ?? "Run",
      finishedAt: run.finishedAt?.toISOString() ?? null,
      version: version?.version ?? null,
      rows,
      coverage: stats.coverage,
      votes: stats.votes ?? null,
      devAccuracy: stats.empiricalAccuracy ?? null,
      devCorrect: stats.devCorrect ?? null,
      devIncorrect: stats.devIncorrect ?? null,
      faults,
      faultKinds,
      stopped: stats.stopped ?? null,
      faultedEveryRow: rows !== null && rows > 0 && faults >= rows,
    };
  }
  return null;
}
