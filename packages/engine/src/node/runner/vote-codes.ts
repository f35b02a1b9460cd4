import type { FaultKind } from "../../core/program";

/**
 * What one program did on one row, as the sandboxes report it (python-harness.py and js-harness.mjs
 * use the same numbers): a class index 0..k-1, -1 for abstain, or a fault code. Sandboxes send one
 * signed byte per row (two, little-endian, when a task has more than 120 classes).
 */
export const FAULT_CODES: Readonly<Record<number, FaultKind>> = {
  [-2]: "exception",
  [-3]: "timeout",
  [-4]: "invalid-output",
  [-5]: "memory",
  [-6]: "crash",
  [-7]: "disabled",
};
export const CODE_TIMEOUT = -3;
export const CODE_MEMORY = -5;
export const CODE_CRASH = -6;
export const CODE_DISABLED = -7;

/** Faults that cost real time or memory: K of them in a row stop a program (the circuit breaker). */
export function isCostlyCode(code: number): boolean {
  return code === CODE_TIMEOUT || code === CODE_MEMORY || code === CODE_CRASH;
}

/** Bytes per row code for a task with k distinct votes (`voteCodeCount`). */
export function codeWidth(k: number): 1 | 2 {
  return k > 120 ? 2 : 1;
}

/**
 * Reads one program's codes for `rows` rows from an answer body; a code that is neither a vote of
 * this task nor a known fault is a `crash` (the program's own process corrupted its report).
 *
 * @example
 * const codes = readCodes(frame.body, 5000, 2); // Int16Array of 5000 codes
 */
export function readCodes(body: Buffer, rows: number, k: number): Int16Array {
  const width = codeWidth(k);
  if (body.length !== rows * width) throw new Error(`sandbox answered ${body.length} bytes of votes for ${rows} rows`);
  const codes = new Int16Array(rows);
  if (width === 1) codes.set(new Int8Array(body.buffer, body.byteOffset, rows));
  else for (let r = 0; r < rows; r++) codes[r] = body.readInt16LE(r * 2);
  for (let r = 0; r < rows; r++) {
    const code = codes[r]!;
    if (code >= k || code < CODE_DISABLED) codes[r] = CODE_CRASH;
  }
  return codes;
}
