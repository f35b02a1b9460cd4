import { programInput, type ApplyOptions, type Program, type ProgramRunner } from "@alchemist/engine";
import { getLatestDataset, getProjectTask, readSampleRows, toDataRow, toTaskSpec, type Db } from "@alchemist/db";
import type { TryProgramPayload, TryProgramResult, TryProgramRow } from "@alchemist/jobs";

const INPUT_CHARS = 300;

function preview(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > INPUT_CHARS ? `${text.slice(0, INPUT_CHARS - 1)}…` : text;
}

/**
 * Runs draft program code on a few sample rows of the project's newest dataset (dev rows with
 * gold first), one row per runner call so each row gets its own fault and error message.
 * A program that fails the static check is not run.
 *
 * @example
 * const result = await tryProgramService({ db: prisma, runner }, payload);
 */
export async function tryProgramService(deps: { db: Db; runner: ProgramRunner }, payload: TryProgramPayload, signal?: AbortSignal): Promise<TryProgramResult> {
  const started = performance.now();
  const task = toTaskSpec(await getProjectTask(deps.db, payload.projectId));
  const dataset = await getLatestDataset(deps.db, payload.projectId);
  if (!dataset) throw new Error(`project ${payload.projectId} has no dataset to try programs on`);
  const classNames = task.classes.map((c) => c.name);
  const program: Program = { name: "draft", language: payload.language, functionName: payload.functionName, source: payload.source };
  const check = await deps.runner.check(program);
  const checkErrors = check.errors.map((e) => (e.line === undefined ? { message: e.message } : { message: e.message, line: e.line }));
  if (!check.ok) return { classNames, checkErrors, rows: [], millis: Math.round(performance.now() - started) };
  const sample = await readSampleRows(deps.db, dataset.id, payload.rows);
  const inputs = sample.map((row) => programInput(toDataRow(row), task.input));
  const outcomes = await runRows(deps.runner, program, inputs, { classNames, ...(signal ? { signal } : {}) });
  const rows: TryProgramRow[] = sample.map((row, i) => ({ index: row.index, id: row.externalId, input: preview(inputs[i]), gold: row.gold, ...outcomes[i]! }));
  return { classNames, checkErrors, rows, millis: Math.round(performance.now() - started) };
}

type Outcome = Pick<TryProgramRow, "output" | "vote" | "fault" | "error">;
type TryCapable = { tryProgram?: (p: Program, inputs: readonly unknown[], o: ApplyOptions) => Promise<{ output: unknown; vote: number; error?: { kind: string; message: string } }[]> };

/** Per-row outcomes: the runner's `tryProgram` when it has one (raw outputs), else one `apply` per row. */
async function runRows(runner: ProgramRunner, program: Program, inputs: readonly unknown[], options: ApplyOptions): Promise<Outcome[]> {
  const capable = runner as ProgramRunner & TryCapable;
  if (typeof capable.tryProgram === "function") {
    const results = await capable.tryProgram(program, inputs, options);
    return results.map((r) => ({ output: r.output ?? null, vote: r.vote, fault: r.error?.kind ?? null, error: r.error?.message ?? null }));
  }
  const outcomes: Outcome[] = [];
  for (const input of inputs) {
    const { L, meta } = await runner.apply([program], [input], options);
    const fault = Object.keys(meta[0]?.faults ?? {})[0] ?? null;
    outcomes.push({ output: null, vote: L.values[0]!, fault, error: fault ? (meta[0]?.firstError ?? null) : null });
  }
  return outcomes;
}
