import { parseRunSettings, voteCodeCount, type Program, type RunSettings, type TaskSpec } from "@alchemist/engine";
import { getDataset, getProjectTask, getRun, runPrograms, toEngineProgram, toTaskSpec, type Db, type RunProgram } from "@alchemist/db";

/** What every chunk of a run's apply needs: the dataset's shape, the task and the frozen programs. */
export interface RunContext {
  readonly runId: string;
  readonly projectId: string;
  readonly dataset: { readonly id: string; readonly chunkSize: number; readonly rowCount: number };
  readonly task: TaskSpec;
  /** The run's programs in run order (the columns of L). */
  readonly programs: readonly RunProgram[];
  /** The same programs unique by code hash (what runs: equal code gives equal votes), run order. */
  readonly unique: readonly { readonly codeHash: string; readonly program: Program }[];
  readonly chunkCount: number;
  /** The settings copied onto the run when it was created (seed, runner budgets). */
  readonly settings: RunSettings;
}

const cache = new Map<string, { context: RunContext; expires: number }>();
const TTL_MS = 60_000;

/**
 * Loads a run's apply context, checking that it belongs to `expect`'s project and dataset. Chunk
 * jobs of one run call this hundreds of times in a process, so the answer is kept for a minute
 * (a run's programs are frozen and its dataset never changes).
 *
 * @example
 * const context = await loadRunContext(prisma, { projectId, runId, datasetId });
 */
export async function loadRunContext(
  db: Db,
  expect: { projectId: string; runId: string; datasetId: string },
  options: { fresh?: boolean } = {},
): Promise<RunContext> {
  const hit = cache.get(expect.runId);
  if (hit && !options.fresh && hit.expires > Date.now()) return check(hit.context, expect);
  const run = await getRun(db, expect.runId);
  if (!run) throw new Error(`run ${expect.runId} does not exist`);
  const dataset = await getDataset(db, run.datasetId);
  if (!dataset) throw new Error(`dataset ${run.datasetId} of run ${run.id} does not exist`);
  const task = toTaskSpec(await getProjectTask(db, run.projectId));
  if (task.classes.length > 127) throw new Error(`task has ${task.classes.length} classes; stored votes are Int8 (at most 127)`);
  if (voteCodeCount(task.classes.length, task.multiLabel === true) > 127)
    throw new Error(`multi-label task has ${task.classes.length} classes; stored votes are one byte, so class sets of at most 6 classes fit`);
  const programs = runPrograms(run);
  const versions = await db.programVersion.findMany({
    where: { id: { in: programs.map((p) => p.programVersionId) } },
    include: { program: { select: { name: true } } },
  });
  const unique: { codeHash: string; program: Program }[] = [];
  for (const p of programs) {
    const version = versions.find((v) => v.id === p.programVersionId);
    if (!version) throw new Error(`program version ${p.programVersionId} of the run no longer exists`);
    if (unique.some((u) => u.codeHash === version.codeHash)) continue;
    unique.push({ codeHash: version.codeHash, program: toEngineProgram(version.program.name, version) });
  }
  const context: RunContext = {
    runId: run.id,
    projectId: run.projectId,
    dataset: { id: dataset.id, chunkSize: dataset.chunkSize, rowCount: dataset.rowCount },
    task,
    programs,
    unique,
    chunkCount: Math.ceil(dataset.rowCount / dataset.chunkSize),
    settings: parseRunSettings(run.settings),
  };
  if (cache.size > 100) cache.clear();
  cache.set(run.id, { context, expires: Date.now() + TTL_MS });
  return check(context, expect);
}

function check(context: RunContext, expect: { projectId: string; datasetId: string }): RunContext {
  if (context.projectId !== expect.projectId || context.dataset.id !== expect.datasetId) {
    throw new Error(
      `run ${context.runId} belongs to project ${context.projectId} / dataset ${context.dataset.id}, not ${expect.projectId} / ${expect.datasetId}`,
    );
  }
  return context;
}
