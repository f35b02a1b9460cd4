import type { FaultCounts, FaultKind, Program, ProgramLimits, ProgramRunMeta } from "../../core/program";
import { CODE_DISABLED, FAULT_CODES, isCostlyCode } from "./vote-codes";

interface ProgramState {
  usedMs: number;
  /** Its top level failed: every row gets this code, and it is not run again. */
  setup?: { code: number; message?: string };
  /** A sandbox stopped it in the chunk starting at this row: later chunks are not sent to it. */
  stopHint: number;
  // Row-order state, advanced by finalize():
  finalizedUntil: number;
  run: number;
  runKinds: Set<FaultKind>;
  stopped?: { row: number; reason: string };
  faults: FaultCounts;
  firstError?: string;
}

const KIND_WORDS: Record<string, string> = { timeout: "timeouts", memory: "memory faults", crash: "crashes" };

function runReason(k: number, kinds: Set<FaultKind>): string {
  const words = [...kinds].map((kind) => KIND_WORDS[kind] ?? kind);
  return `${k} consecutive ${words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`}`;
}

/**
 * The per-program books of one apply: time used against the program's budget, and the votes'
 * final form. `finalize` must see every chunk in row order; it applies the circuit breaker on
 * row order (K consecutive costly faults stop a program from the next row on, whichever chunk or
 * sandbox they came from), so where a program stops does not depend on pool or chunk size.
 *
 * @example
 * const ledger = new ProgramLedger(programs, { maxConsecutiveFaults: 3, budgetBaseMs: 10_000, budgetPerRowMs: 1 });
 * const final = ledger.finalize(0, 0, codes, [4, "ValueError: x (line 2)"], undefined);
 */
export class ProgramLedger {
  private readonly states: ProgramState[];
  private rowsSeen = 0;

  constructor(
    private readonly programs: readonly Program[],
    private readonly limits: Required<ProgramLimits>,
  ) {
    this.states = programs.map(() => ({ usedMs: 0, stopHint: Infinity, finalizedUntil: 0, run: 0, runKinds: new Set(), faults: {} }));
  }

  /** Rows handed to sandboxes so far: each one adds to every program's time budget. */
  sawRows(rows: number): void {
    this.rowsSeen = rows;
  }

  private budgetMs(): number {
    return this.limits.budgetBaseMs + this.limits.budgetPerRowMs * this.rowsSeen;
  }

  remainingMs(j: number): number {
    return Math.max(0, this.budgetMs() - this.states[j]!.usedMs);
  }

  /** Books a program's answer for a chunk: its time, a failed top level, and whether it was stopped. */
  spent(j: number, ms: number, setup: { code: number; message?: string | undefined } | undefined, stopped: boolean, chunkStart = 0): void {
    const state = this.states[j]!;
    state.usedMs += ms;
    if (setup && !state.setup) state.setup = setup.message === undefined ? { code: setup.code } : { code: setup.code, message: setup.message };
    if (stopped) state.stopHint = Math.min(state.stopHint, chunkStart);
  }

  /** The costly-fault run a sandbox starts this chunk with (known only when the chunk before is final). */
  leadFor(j: number, chunkStart: number): number {
    const state = this.states[j]!;
    return state.finalizedUntil === chunkStart ? state.run : 0;
  }

  /** Why program j need not run on the chunk starting at `chunkStart`, with the code its rows get. */
  skipReason(j: number, chunkStart: number): { code: number; message?: string; budget?: boolean } | undefined {
    const state = this.states[j]!;
    if (state.setup) return state.setup.message === undefined ? { code: state.setup.code } : { code: state.setup.code, message: state.setup.message };
    if (state.stopped || state.stopHint < chunkStart) return { code: CODE_DISABLED };
    if (this.remainingMs(j) <= 0) return { code: CODE_DISABLED, budget: true };
    return undefined;
  }

  /**
   * Turns a chunk's codes for program j into their final form, in place, and books them: rows after
   * the breaker tripped become `disabled`. Chunks must come in row order.
   */
  finalize(j: number, start: number, codes: Int16Array, first: [number, string] | undefined, trip: "run" | "budget" | undefined): Int16Array {
    const state = this.states[j]!;
    const k = this.limits.maxConsecutiveFaults;
    if (start !== state.finalizedUntil) throw new Error(`chunk at row ${start} finalized out of order (expected row ${state.finalizedUntil})`);
    let firstFault = -1;
    for (let r = 0; r < codes.length; r++) {
      let code = codes[r]!;
      if (code >= -1) {
        // The usual row: a vote. It ends any run of costly faults.
        if (state.stopped) codes[r] = code = CODE_DISABLED;
        else {
          if (state.run) {
            state.run = 0;
            state.runKinds.clear();
          }
          continue;
        }
      } else if (state.stopped) {
        codes[r] = code = CODE_DISABLED;
      } else if (!state.setup) {
        if (code === CODE_DISABLED) {
          const reason = trip === "budget" ? `used its time budget of ${(this.budgetMs() / 1000).toFixed(1)} s` : "stopped by its sandbox";
          state.stopped = { row: start + r, reason };
        } else if (isCostlyCode(code)) {
          state.run++;
          state.runKinds.add(FAULT_CODES[code]!);
          if (k > 0 && state.run >= k) state.stopped = { row: start + r + 1, reason: runReason(k, state.runKinds) };
        } else if (state.run) {
          state.run = 0;
          state.runKinds.clear();
        }
      }
      const kind = FAULT_CODES[code]!;
      state.faults[kind] = (state.faults[kind] ?? 0) + 1;
      if (firstFault < 0) firstFault = r;
    }
    if (firstFault >= 0 && state.firstError === undefined) {
      const code = codes[firstFault]!;
      const kind = FAULT_CODES[code]!;
      const message = code === CODE_DISABLED ? (state.stopped?.reason ?? "stopped") : first && first[0] === firstFault ? first[1] : kind;
      state.firstError = `row ${start + firstFault}: ${kind}: ${message}`;
    }
    state.finalizedUntil = start + codes.length;
    return codes;
  }

  meta(): ProgramRunMeta[] {
    return this.programs.map((p, j) => {
      const { faults, firstError, usedMs, stopped } = this.states[j]!;
      return { name: p.name, faults, millis: usedMs, ...(firstError !== undefined ? { firstError } : {}), ...(stopped ? { stopped } : {}) };
    });
  }
}
