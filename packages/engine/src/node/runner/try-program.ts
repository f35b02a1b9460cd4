import type { FaultKind, Program, TryOptions, TryRowResult } from "../../core/program";
import { EngineError } from "../../errors/engine-error";
import type { SandboxPool } from "./sandbox-pool";
import { FAULT_CODES, readCodes } from "./vote-codes";
import { voteCodeCount } from "../../multi-label/vote-code-count";
import { MAX_MULTI_LABEL_CLASSES } from "../../multi-label/multi-label-votes";

/** Most rows one try may run: it is for the editor's sample, not for datasets. */
export const MAX_TRY_ROWS = 1000;

/** A timed row as the sandbox reports it: [shown output, milliseconds, fault message or null]. */
type TimedRow = [shown: unknown, millis: unknown, message: unknown];

const died = (n: number, kind: FaultKind, message: string): TryRowResult[] =>
  Array.from({ length: n }, () => ({ output: null, vote: -1, error: { kind, message }, millis: 0 }));

/**
 * Runs one program on a few inputs in a fresh sandbox context (a fresh fork for CPython) and
 * reports every row: the raw output (JSON-safe, truncated), the vote it counts as, the fault if any,
 * and the time it took.
 *
 * @example
 * const rows = await tryProgram(pool, program, ["free money", "hi"], { classNames: ["ham", "spam"] }, 1000);
 * // [{ output: "spam", vote: 1, millis: 0.02 }, { output: -1, vote: -1, millis: 0.01 }]
 */
export async function tryProgram(
  pool: SandboxPool,
  program: Program,
  inputs: readonly unknown[],
  options: TryOptions,
  rowTimeoutMs: number,
): Promise<TryRowResult[]> {
  if (inputs.length > MAX_TRY_ROWS) throw new EngineError("INVALID_ARGUMENT", `tryProgram takes at most ${MAX_TRY_ROWS} rows, got ${inputs.length}`);
  const k = options.classNames?.length ?? 0;
  if (k < 2) throw new EngineError("INVALID_ARGUMENT", `tryProgram needs at least 2 class names, got ${k}`);
  const multi = options.multiLabel === true;
  if (multi && k > MAX_MULTI_LABEL_CLASSES)
    throw new EngineError("INVALID_ARGUMENT", `a multi-label task has at most ${MAX_MULTI_LABEL_CLASSES} classes, got ${k}`);
  if (options.signal?.aborted) throw new EngineError("ABORTED", "tryProgram was aborted before it started");
  const n = inputs.length;
  if (n === 0) return [];
  let body: Buffer;
  try {
    body = Buffer.from(JSON.stringify(inputs));
  } catch (error) {
    throw new EngineError("INVALID_ARGUMENT", `tryProgram inputs are not JSON-serializable: ${String(error)}`);
  }
  const onAbort = (): void => pool.recycle(0, program.language);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let answer: { header: unknown; body: Buffer } | undefined;
  let outcome;
  try {
    const box = pool.get(0, program.language);
    outcome = await box.request({
      header: {
        t: "try",
        apply: "try",
        classes: options.classNames,
        ...(multi ? { multi: true } : {}),
        budget: rowTimeoutMs,
        maxRun: 0,
        rows: n,
        capacity: n,
        programs: [{ i: 0, src: program.source, fn: program.functionName, ms: 30_000 + n * rowTimeoutMs * 3, lead: 0 }],
      },
      body,
      onFrame: (frame) => (answer = frame),
      deadlineMs: (frames) => (frames === 0 ? 60_000 + n * rowTimeoutMs * 4 : 10_000),
    });
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  if (options.signal?.aborted) throw new EngineError("ABORTED", "tryProgram was aborted");
  if ("died" in outcome) return died(n, outcome.died, outcome.message);
  const rows = (answer?.header as { rows?: unknown } | undefined)?.rows;
  let codes: Int16Array;
  try {
    codes = readCodes(answer!.body, n, voteCodeCount(k, multi));
    if (!Array.isArray(rows) || rows.length !== n) throw new Error("rows missing");
  } catch {
    pool.recycle(0, program.language);
    return died(n, "crash", "runner returned a malformed result");
  }
  return (rows as TimedRow[]).map((row, r) => {
    const code = codes[r]!;
    const [shown, ms, message] = Array.isArray(row) ? row : [null, 0, null];
    const millis = typeof ms === "number" && Number.isFinite(ms) ? ms : 0;
    if (code >= -1) return { output: shown ?? null, vote: code, millis };
    const kind = FAULT_CODES[code]!;
    return {
      output: kind === "invalid-output" ? (shown ?? null) : null,
      vote: -1,
      error: { kind, message: typeof message === "string" ? message.slice(0, 600) : kind },
      millis,
    };
  });
}
