import { programInput, type Program, type ProgramRunner } from "@alchemist/engine";
import { getLatestDataset, getProjectTask, readSampleRows, toDataRow, toTaskSpec, type Db } from "@alchemist/db";
import type { TryProgramPayload, TryProgramResult, TryProgramRow } from "@alchemist/jobs";
import { assertJobActor } from "../assert-job-actor";

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
  await assertJobActor(deps.db, payload, "edit");
  const task = toTaskSpec(await getProjectTask(deps.db, payload.projectId));
  const dataset = await getLatestDataset(deps.db, payload.projectId);
  if (!dataset) throw new Error(`project ${payload.projectId} has no dataset to try programs on`);
  const classNames = task.classes.map((c) => c.name);
  const program: Program = { name: "draft", language: payload.language, functionName: payload.functionName, source: payload.source };
  const check = await deps.runner.check(program);
  const checkErrors = check.errors.map((e) => ({ message: e.message, ...(e.line === undefined ? {} : { line: e.line }), ...(e.column === undefined ? {} : { column: e.column }) }));
  if (!check.ok) return { classNames, checkErrors, rows: [], millis: Math.round(performance.now() - started) };
  const sample = await readSampleRows(deps.db, dataset.id, payload.rows);
  const inputs = sample.map((row) => programInput(toDataRow(row), task.input));
  const results = await deps.runner.tryProgram(program, inputs, { classNames, ...(signal ? { signal } : {}) });
  const rows: TryProgramRow[] = sample.map((row, i) => {
    const result = results[i]!;
    return { index: row.index, id: row.externalId, input: preview(inputs[i]), gold: row.gold, output: result.output ?? null, vote: result.vote, fault: result.error?.kind ?? null, error: result.error?.message ?? null };
  });
  return { classNames, checkErrors, rows, millis: Math.round(performance.now() - started) };
}

