import type { FaultKind, Program, TryOptions, TryRowResult } from "../../core/program";
import { EngineError } from "../../errors/engine-error";
import { normalizeVote } from "../../programs/normalize-vote";
import type { ChildPool } from "./child-pool";

/** Most rows one try may run: it is for the editor's sample, not for datasets. */
export const MAX_TRY_ROWS = 1000;

type TimedRow = [value: string | number | boolean | null | { f: FaultKind; m?: string }, shown: unknown, millis: number];

/**
 * Runs one program on a few inputs in a sandbox child and reports every row: the raw output
 * (JSON-safe, truncated), the vote it counts as, the fault if any, and the time it took.
 *
 * @example
 * const rows = await tryProgram(pool, program, ["free money", "hi"], { classNames: ["ham", "spam"] }, 1000);
 * // [{ output: "spam", vote: 1, millis: 0.02 }, { output: -1, vote: -1, millis: 0.01 }]
 */
export async function tryProgram(pool: ChildPool, program: Program, inputs: readonly unknown[], options: TryOptions, rowTimeoutMs: number): Promise<TryRowResult[]> {
  if (inputs.length > MAX_TRY_ROWS) throw new EngineError("INVALID_ARGUMENT", `tryProgram takes at most ${MAX_TRY_ROWS} rows, got ${inputs.length}`);
  const k = options.classNames?.length ?? 0;
  if (k < 2) throw new EngineError("INVALID_ARGUMENT", `tryProgram needs at least 2 class names, got ${k}`);
  if (options.signal?.aborted) throw new EngineError("ABORTED", "tryProgram was aborted before it started");
  if (inputs.length === 0) return [];
  let inputsJson: string;
  try {
    inputsJson = JSON.stringify(inputs);
  } catch (error) {
    throw new EngineError("INVALID_ARGUMENT", `tryProgram inputs are not JSON-serializable: ${String(error)}`);
  }
  const onAbort = (): void => pool.recycle(0);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let answer;
  try {
    const deadline = 30_000 + inputs.length * rowTimeoutMs * 1.5;
    answer = await pool.request<string>(0, program, { type: "try", inputsJson, rowTimeoutMs }, deadline);
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  if (options.signal?.aborted) throw new EngineError("ABORTED", "tryProgram was aborted");
  if (!("result" in answer) || typeof answer.result !== "string") {
    const died = "died" in answer ? answer : { died: "crash" as const, message: "runner returned no result" };
    return inputs.map(() => ({ output: null, vote: -1, error: { kind: died.died, message: died.message }, millis: 0 }));
  }
  let rows: TimedRow[] = [];
  try {
    rows = JSON.parse(answer.result) as TimedRow[];
  } catch {
    rows = [];
  }
  if (!Array.isArray(rows) || rows.length !== inputs.length) {
    pool.recycle(0);
    return inputs.map(() => ({ output: null, vote: -1, error: { kind: "crash" as const, message: "runner returned a malformed result" }, millis: 0 }));
  }
  return rows.map(([value, shown, millis]) => {
    if (value !== null && typeof value === "object") {
      return { output: shown ?? null, vote: -1, error: { kind: value.f, message: value.m ?? value.f }, millis };
    }
    const vote = normalizeVote(value, options.classNames);
    if ("vote" in vote) return { output: shown, vote: vote.vote, millis };
    return { output: shown, vote: -1, error: { kind: vote.fault, message: vote.message }, millis };
  });
}
