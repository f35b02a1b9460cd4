import type { ProgramRunner } from "@alchemist/engine";
import { assertJobActor, getDataset, getProjectTask, getRun, missingChunks, runPrograms, setRunStatus, toEngineProgram, toTaskSpec, type Db, type RunAnalysis } from "@alchemist/db";
import type { ApplyProgramsPayload } from "@alchemist/jobs";
import { analyseRun } from "./analyse-run";
import { applyChunk, type ChunkWork } from "./apply-chunk";

export interface ApplyProgramsProgress {
  /** 0..100 */
  readonly percent: number;
  readonly stage: string;
}

export interface ApplyProgramsResult {
  /** (program, chunk) pairs computed by this call; 0 when every vote was already stored. */
  readonly computed: number;
  readonly analysis: RunAnalysis;
}

/**
 * Applies a run's frozen programs to its dataset, computing only the (code hash, chunk) votes
 * not stored yet, then stores the LF analysis and marks the run SUCCEEDED. In `rescore` mode
 * (a reviewer's DEV labels) it runs no program: every vote must already be stored, it only
 * re-analyses them against the current gold and leaves the run's status alone. The actor must
 * hold "edit" to apply and "review" to re-score.
 *
 * @example
 * await applyProgramsService({ db: prisma, runner }, payload, { signal, onProgress: console.log });
 */
export async function applyProgramsService(
  deps: { db: Db; runner: ProgramRunner },
  payload: ApplyProgramsPayload,
  options: { signal?: AbortSignal; onProgress?: (progress: ApplyProgramsProgress) => Promise<void> | void } = {},
): Promise<ApplyProgramsResult> {
  const { db, runner } = deps;
  const rescore = payload.mode === "rescore";
  await assertJobActor(db, payload, rescore ? "review" : "edit");
  const run = await getRun(db, payload.runId);
  if (!run) throw new Error(`run ${payload.runId} does not exist`);
  if (run.projectId !== payload.projectId || run.datasetId !== payload.datasetId) {
    throw new Error(`run ${run.id} belongs to project ${run.projectId} / dataset ${run.datasetId}, not ${payload.projectId} / ${payload.datasetId}`);
  }
  const dataset = await getDataset(db, run.datasetId);
  if (!dataset) throw new Error(`dataset ${run.datasetId} of run ${run.id} does not exist`);
  const task = toTaskSpec(await getProjectTask(db, run.projectId));
  if (task.classes.length > 127) throw new Error(`task has ${task.classes.length} classes; stored votes are Int8 (at most 127)`);
  const programs = runPrograms(run);
  const report = async (percent: number, stage: string) => options.onProgress?.({ percent: Math.round(percent * 10) / 10, stage });

  const work = await planWork(db, dataset, programs.map((p) => p.programVersionId));
  const total = work.reduce((sum, w) => sum + w.programs.length, 0);
  if (rescore && total > 0) throw new Error(`run ${run.id} misses ${total} program-chunk(s) of votes; a re-score only re-analyses stored votes, so an editor must apply the programs first`);
  if (!rescore) await setRunStatus(db, run.id, "RUNNING");
  let done = 0;
  await report(0, total ? `applying ${total} program-chunk(s)` : "votes already stored");
  for (const chunk of work) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error("aborted");
    await applyChunk(db, runner, options.signal ? { dataset, task, work: chunk, signal: options.signal } : { dataset, task, work: chunk });
    done += chunk.programs.length;
    await report((90 * done) / total, `applied chunk ${chunk.chunkIndex + 1} (${done}/${total})`);
  }
  await report(90, "analysing");
  const analysis = await analyseRun(db, { runId: run.id, dataset, task, programs });
  if (!rescore) await setRunStatus(db, run.id, "SUCCEEDED");
  await report(100, "done");
  return { computed: total, analysis };
}

/** Chunks that miss votes of at least one program (programs deduplicated by code hash). */
async function planWork(db: Db, dataset: { id: string; chunkSize: number; rowCount: number }, versionIds: readonly string[]): Promise<ChunkWork[]> {
  const versions = await db.programVersion.findMany({ where: { id: { in: [...versionIds] } }, include: { program: { select: { name: true } } } });
  const chunkCount = Math.ceil(dataset.rowCount / dataset.chunkSize);
  const byChunk = new Map<number, ChunkWork["programs"][number][]>();
  const seen = new Set<string>();
  for (const id of versionIds) {
    const version = versions.find((v) => v.id === id);
    if (!version) throw new Error(`program version ${id} of the run no longer exists`);
    if (seen.has(version.codeHash)) continue;
    seen.add(version.codeHash);
    const program = toEngineProgram(version.program.name, version);
    for (const chunkIndex of await missingChunks(db, dataset.id, version.codeHash, chunkCount)) {
      const list = byChunk.get(chunkIndex) ?? [];
      list.push({ codeHash: version.codeHash, program });
      byChunk.set(chunkIndex, list);
    }
  }
  return [...byChunk.entries()].sort((a, b) => a[0] - b[0]).map(([chunkIndex, programs]) => ({ chunkIndex, programs }));
}
