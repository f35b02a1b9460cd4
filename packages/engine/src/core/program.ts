import type { LabelMatrix } from "./label-matrix";
import type { ProgramLanguage } from "./task";

/** A labeling program: source code defining `functionName(input) -> class index | class name | -1`. */
export interface Program {
  readonly name: string;
  readonly language: ProgramLanguage;
  readonly source: string;
  readonly functionName: string;
}

/**
 * Why a row got no vote from a program: it raised, ran past the row budget, returned something that
 * is not a vote, ran out of memory, its process died, or the program had been stopped earlier in
 * the apply (`disabled`: see ProgramLimits).
 */
export type FaultKind = "exception" | "timeout" | "invalid-output" | "memory" | "crash" | "disabled";
export const FAULT_KINDS: readonly FaultKind[] = ["exception", "timeout", "invalid-output", "memory", "crash", "disabled"];

export type FaultCounts = Partial<Record<FaultKind, number>>;

export interface ProgramRunMeta {
  readonly name: string;
  readonly faults: FaultCounts;
  /** First fault message seen, with its line when known, for users to act on. */
  readonly firstError?: string;
  readonly millis: number;
  /** Set when the program was stopped for the rest of the apply: from which row, and why. */
  readonly stopped?: { readonly row: number; readonly reason: string };
}

/**
 * What bounds a program's cost over a whole apply, beyond the per-row time budget: after
 * `maxConsecutiveFaults` rows in a row that time out, run out of memory or crash, or once the
 * program has used `budgetBaseMs + budgetPerRowMs x rows seen` of time, it is stopped and its
 * remaining rows are `disabled` faults (abstains).
 */
export interface ProgramLimits {
  /** K; default 3; 0 turns this rule off. */
  readonly maxConsecutiveFaults?: number;
  /** Default 10,000 ms. */
  readonly budgetBaseMs?: number;
  /** Default 1 ms per row (hundreds of times what a typical program needs). */
  readonly budgetPerRowMs?: number;
}

export interface StaticCheckResult {
  readonly ok: boolean;
  readonly errors: readonly { readonly message: string; readonly line?: number; readonly column?: number }[];
}

export interface ApplyProgress {
  readonly done: number;
  readonly total: number;
}

export interface ApplyOptions {
  readonly classNames: readonly string[];
  /**
   * Multi-label task: programs return a list of classes (or one class, or -1 to abstain) and each
   * vote in L is the bitmask of the classes (`multiLabelVotes` splits it into one-vs-rest columns).
   */
  readonly multiLabel?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ApplyProgress) => void;
  /** Overrides the runner's ProgramLimits for this apply. */
  readonly limits?: ProgramLimits;
  /**
   * Calls with the same key (e.g. one per chunk job of a run) keep each program's sandbox process or
   * context, and its state, between them instead of starting fresh; a call with another key (or none)
   * starts over. Each call still has its own time budgets and circuit breaker.
   */
  readonly sessionKey?: string;
}

/** One block of finished rows of a streamed apply, in row order: votes `n x m`, row-major like L. */
export interface VoteBlock {
  /** Index of the block's first row in the whole input. */
  readonly start: number;
  readonly votes: LabelMatrix;
}

export interface ApplyStreamOptions extends ApplyOptions {
  /** Receives every block once, in row order; the apply waits for it (back-pressure). */
  readonly onBlock: (block: VoteBlock) => void | Promise<void>;
  /** Rows the stream will yield, when known: progress totals use it. */
  readonly totalRows?: number;
}

export interface ApplyStreamResult {
  readonly n: number;
  readonly meta: readonly ProgramRunMeta[];
}

export interface ApplyResult {
  readonly L: LabelMatrix;
  readonly meta: readonly ProgramRunMeta[];
}

export interface TryOptions {
  readonly classNames: readonly string[];
  /** As `ApplyOptions.multiLabel`: `vote` is the bitmask of the returned classes. */
  readonly multiLabel?: boolean;
  readonly signal?: AbortSignal;
}

/** One row of `tryProgram`: what the program returned and what became of it. */
export interface TryRowResult {
  /** The raw return value, JSON-safe: numbers, booleans, null and short strings as is, anything else as text (truncated to 200 chars); null after a fault. */
  readonly output: unknown;
  /** The vote it counts as (-1 after a fault). */
  readonly vote: number;
  readonly error?: { readonly kind: FaultKind; readonly message: string };
  readonly millis: number;
}

/**
 * Runs untrusted programs. The first implementation lives in `node/`; the hardened sandbox
 * implements the same interface so callers never change.
 */
export interface ProgramRunner {
  check(program: Program): Promise<StaticCheckResult>;
  /** Applies every program to every input (text, record or concept scores), in input order. */
  apply(programs: readonly Program[], inputs: readonly unknown[], options: ApplyOptions): Promise<ApplyResult>;
  /**
   * Applies every program to rows that arrive in batches (any sizes), holding only a few batches
   * at a time; votes come back through `onBlock` in row order. Same votes and faults as `apply`.
   */
  applyStream(
    programs: readonly Program[],
    batches: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>,
    options: ApplyStreamOptions,
  ): Promise<ApplyStreamResult>;
  /** Runs one program on a few inputs (the editor's "run on sample"): per-row output, vote, error and time. */
  tryProgram(program: Program, inputs: readonly unknown[], options: TryOptions): Promise<TryRowResult[]>;
  close(): Promise<void>;
}
