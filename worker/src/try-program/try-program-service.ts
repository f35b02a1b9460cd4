import { ABSTAIN, programInput, type Program, type ProgramRunner, type TryRowResult } from "@alchemist/engine";
import { getLatestDataset, getProjectTask, listPrograms, readSampleRows, toDataRow, toEngineProgram, toTaskSpec, type Db } from "@alchemist/db";
import { TRY_SCAN_ROWS, type TryProgramPayload, type TryProgramResult, type TryProgramRow } from "@alchemist/jobs";
import { assertJobActor } from "../assert-job-actor";

const INPUT_CHARS = 300;

function preview(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > INPUT_CHARS ? `${text.slice(0, INPUT_CHARS - 1)}…` : text;
}

type SampleRow = Awaited<ReturnType<typeof readSampleRows>>[number];

/** A picture's `{concept: score}` record from its row's fields (image datasets), else undefined. */
function imageScores(fields: unknown): Record<string, number> | undefined {
  const scores = (fields as { scores?: unknown } | null)?.scores;
  if (!scores || typeof scores !== "object") return undefined;
  return Object.fromEntries(Object.entries(scores).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

/** Whether a row the draft ran on is one the filter asks for. */
function matches(filter: TryProgramPayload["filter"], result: TryRowResult, gold: number | null, others: readonly number[]): boolean {
  if (filter === "all") return true;
  if (filter === "faults") return result.error !== undefined;
  if (result.vote === ABSTAIN) return false;
  if (filter === "fires") return true;
  if (filter === "wrong") return gold !== null && result.vote !== gold;
  return others.some((v) => v !== ABSTAIN && v !== result.vote);
}

/**
 * Runs draft program code on sample rows of the project's newest dataset (DEV rows with gold
 * first), each row with its own output, fault and error message. Without a filter it runs on
 * `rows` rows; with one (`fires`, `wrong` on DEV gold, `conflicts` with another enabled program,
 * `faults`) it runs on up to TRY_SCAN_ROWS rows and returns the first `rows` that match. Gold is
 * only shown for DEV rows. A program that fails the static check is not run; `checkOnly` stops
 * after the check (what a save runs; no dataset needed). On an image dataset the result names it
 * (`imageDatasetId`) and every row carries its concept scores, so the editor shows thumbnails.
 *
 * @example
 * const result = await tryProgramService({ db: prisma, runner }, parseTryProgramPayload({ ...ids, source, rows: 50, filter: "wrong" }));
 */
export async function tryProgramService(deps: { db: Db; runner: ProgramRunner }, payload: TryProgramPayload, signal?: AbortSignal): Promise<TryProgramResult> {
  const started = performance.now();
  await assertJobActor(deps.db, payload, "edit");
  const task = toTaskSpec(await getProjectTask(deps.db, payload.projectId));
  const classNames = task.classes.map((c) => c.name);
  const program: Program = { name: "draft", language: payload.language, functionName: payload.functionName, source: payload.source };
  const check = await deps.runner.check(program);
  const checkErrors = check.errors.map((e) => ({
    message: e.message,
    ...(e.line === undefined ? {} : { line: e.line }),
    ...(e.column === undefined ? {} : { column: e.column }),
  }));
  let imageDatasetId: string | undefined;
  const done = (rows: TryProgramRow[], scanned: number, matched: number): TryProgramResult => ({
    ...(imageDatasetId ? { imageDatasetId } : {}),
    classNames,
    checkErrors,
    rows,
    millis: Math.round(performance.now() - started),
    filter: payload.filter,
    scanned,
    matched,
  });
  if (!check.ok || payload.checkOnly) return done([], 0, 0);
  const dataset = await getLatestDataset(deps.db, payload.projectId);
  if (!dataset) throw new Error(`project ${payload.projectId} has no dataset to try programs on`);
  const images = dataset.kind === "IMAGE";
  if (images) imageDatasetId = dataset.id;
  const filtered = payload.filter !== "all";
  let sample: SampleRow[] = await readSampleRows(deps.db, dataset.id, filtered ? TRY_SCAN_ROWS : payload.rows);
  // "wrong on dev" can only be judged on DEV rows with gold.
  if (payload.filter === "wrong") sample = sample.filter((row) => row.split === "DEV" && row.gold !== null);
  const inputs = sample.map((row) => programInput(toDataRow(row), task.input));
  const results = await deps.runner.tryProgram(program, inputs, { classNames, ...(signal ? { signal } : {}) });
  const others = payload.filter === "conflicts" ? await otherVotes(deps, payload, inputs, classNames, signal) : null;
  const rows: TryProgramRow[] = [];
  let matched = 0;
  sample.forEach((row, i) => {
    const result = results[i]!;
    const gold = row.split === "DEV" ? row.gold : null;
    const votes = others ? others.votes(i) : [];
    if (!matches(payload.filter, result, gold, votes)) return;
    matched++;
    if (rows.length >= payload.rows) return;
    const conflictsWith = others ? others.names.filter((_, j) => votes[j] !== ABSTAIN && votes[j] !== result.vote) : undefined;
    const scores = images ? imageScores(row.fields) : undefined;
    rows.push({
      index: row.index,
      id: row.externalId,
      split: row.split,
      input: preview(inputs[i]),
      gold,
      output: result.output ?? null,
      vote: result.vote,
      fault: result.error?.kind ?? null,
      error: result.error?.message ?? null,
      ...(conflictsWith ? { conflictsWith } : {}),
      ...(scores ? { scores } : {}),
    });
  });
  return done(rows, sample.length, matched);
}

/** The other enabled programs' votes on the same inputs (their latest versions), for "conflicts". */
async function otherVotes(
  deps: { db: Db; runner: ProgramRunner },
  payload: TryProgramPayload,
  inputs: readonly unknown[],
  classNames: readonly string[],
  signal?: AbortSignal,
) {
  const programs = (await listPrograms(deps.db, payload.projectId, { enabledOnly: true })).filter((p) => p.id !== payload.programId);
  const names = programs.map((p) => p.name);
  if (programs.length === 0 || inputs.length === 0) return { names, votes: () => [] as number[] };
  const { L } = await deps.runner.apply(
    programs.map((p) => toEngineProgram(p.name, p.latest)),
    inputs,
    { classNames, ...(signal ? { signal } : {}) },
  );
  return { names, votes: (row: number) => Array.from(L.values.subarray(row * L.m, (row + 1) * L.m)) };
}
