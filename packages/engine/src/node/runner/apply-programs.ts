import { ABSTAIN, createLabelMatrix } from "../../core/label-matrix";
import type { ApplyOptions, ApplyResult, FaultCounts, FaultKind, Program, ProgramRunMeta } from "../../core/program";
import { EngineError } from "../../errors/engine-error";
import { normalizeVote } from "../../programs/normalize-vote";
import type { ChildPool } from "./child-pool";

export interface ApplySettings {
  readonly chunkSize: number;
  readonly rowTimeoutMs: number;
}

type RowResult = string | number | boolean | null | { f: FaultKind; m?: string };

interface ProgramTally {
  faults: FaultCounts;
  firstError?: string;
  firstErrorRow: number;
  millis: number;
}

/** The child's JSON answer, or [] when it is not a JSON array of `rows` entries (never trusted blindly). */
function parseOutputs(result: unknown, rows: number): RowResult[] {
  if (typeof result !== "string") return [];
  try {
    const parsed: unknown = JSON.parse(result);
    return Array.isArray(parsed) && parsed.length === rows ? (parsed as RowResult[]) : [];
  } catch {
    return [];
  }
}

/**
 * Applies programs to inputs on a child pool: (program, chunk) tasks are pulled by one loop per
 * slot; every row's vote and fault are written at its own position, so the result does not
 * depend on pool size, chunk size or completion order.
 *
 * @example
 * const { L, meta } = await applyPrograms(pool, programs, texts, { classNames }, { chunkSize: 2000, rowTimeoutMs: 1000 });
 */
export async function applyPrograms(
  pool: ChildPool,
  programs: readonly Program[],
  inputs: readonly unknown[],
  options: ApplyOptions,
  settings: ApplySettings,
): Promise<ApplyResult> {
  const { classNames, signal, onProgress } = options;
  const n = inputs.length;
  const m = programs.length;
  const L = createLabelMatrix(n, m, classNames.length);
  const chunks: { start: number; json: string }[] = [];
  for (let start = 0; start < n; start += settings.chunkSize) {
    try {
      chunks.push({ start, json: JSON.stringify(inputs.slice(start, start + settings.chunkSize)) });
    } catch (error) {
      throw new EngineError("INVALID_ARGUMENT", `inputs ${start}..${Math.min(n, start + settings.chunkSize) - 1} are not JSON-serializable: ${String(error)}`);
    }
  }
  const tallies: ProgramTally[] = programs.map(() => ({ faults: {}, firstErrorRow: Infinity, millis: 0 }));
  // Program-major order: consecutive tasks on a child mostly run the same program, so the child
  // restores its interpreter only when the program changes (see python-harness.py _clean).
  const tasks = programs.flatMap((_, j) => chunks.map((_c, c) => ({ j, c })));
  const applyId = `${Date.now()}-${Math.random()}`;
  let nextTask = 0;
  let done = 0;
  const total = n * m;

  const k = classNames.length;
  const record = (j: number, row: number, output: RowResult): void => {
    // Fast paths with normalizeVote's own rules (an index -1..k-1, an exact class name); it runs per row.
    // (A string that is not an exact name gives -1 here: it goes to normalizeVote, never to abstain.)
    const direct = typeof output === "number" ? output : typeof output === "string" ? classNames.indexOf(output) : NaN;
    if (Number.isInteger(direct) && direct >= (typeof output === "string" ? 0 : ABSTAIN) && direct < k) {
      L.values[row * m + j] = direct;
      return;
    }
    recordSlow(j, row, output);
  };
  const recordSlow = (j: number, row: number, output: RowResult): void => {
    let fault: FaultKind | undefined;
    let message = "";
    if (output !== null && typeof output === "object") {
      fault = output.f;
      message = output.m ?? output.f;
    } else {
      const vote = normalizeVote(output, classNames);
      if ("vote" in vote) L.values[row * m + j] = vote.vote;
      else [fault, message] = [vote.fault, vote.message];
    }
    if (!fault) return;
    L.values[row * m + j] = ABSTAIN;
    const tally = tallies[j]!;
    tally.faults[fault] = (tally.faults[fault] ?? 0) + 1;
    if (row < tally.firstErrorRow) [tally.firstErrorRow, tally.firstError] = [row, `row ${row}: ${fault}: ${message}`];
  };

  const runSlot = async (slot: number): Promise<void> => {
    while (nextTask < tasks.length && !signal?.aborted && !pool.closed) {
      const { j, c } = tasks[nextTask++]!;
      const program = programs[j]!;
      const { start, json } = chunks[c]!;
      const rows = Math.min(settings.chunkSize, n - start);
      const began = performance.now();
      const deadline = 30_000 + rows * settings.rowTimeoutMs * 1.5;
      const answer = await pool.request<string>(slot, program, { type: "run", inputsJson: json, inputsKey: `${applyId}:${c}`, rowTimeoutMs: settings.rowTimeoutMs }, deadline);
      if (signal?.aborted || pool.closed) return;
      tallies[j]!.millis += performance.now() - began;
      const outputs = "result" in answer ? parseOutputs(answer.result, rows) : [];
      const death = "died" in answer ? answer : outputs.length !== rows ? { died: "crash" as const, message: `runner returned a malformed result for ${rows} rows` } : undefined;
      if (death) pool.recycle(slot);
      for (let r = 0; r < rows; r++) {
        record(j, start + r, death ? { f: death.died, m: death.message } : outputs[r]!);
      }
      if (!pool.freshPerTask(program) && outputs.some((o) => o !== null && typeof o === "object" && o.f === "memory")) pool.recycle(slot);
      done += rows;
      onProgress?.({ done, total });
    }
  };

  const onAbort = (): void => pool.killAll();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await Promise.all(Array.from({ length: Math.min(pool.size, Math.max(1, tasks.length)) }, (_, slot) => runSlot(slot)));
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  if (signal?.aborted) throw new EngineError("ABORTED", `apply was aborted after ${done} of ${total} program-row evaluations`);
  if (pool.closed) throw new EngineError("ABORTED", `the runner was closed during apply, after ${done} of ${total} program-row evaluations`);
  const meta: ProgramRunMeta[] = programs.map((p, j) => {
    const { faults, firstError, millis } = tallies[j]!;
    return firstError === undefined ? { name: p.name, faults, millis } : { name: p.name, faults, firstError, millis };
  });
  return { L, meta };
}
