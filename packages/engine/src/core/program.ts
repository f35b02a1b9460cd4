import type { LabelMatrix } from "./label-matrix";
import type { ProgramLanguage } from "./task";

/** A labeling program: source code defining `functionName(input) -> class index | class name | -1`. */
export interface Program {
  readonly name: string;
  readonly language: ProgramLanguage;
  readonly source: string;
  readonly functionName: string;
}

export type FaultKind = "exception" | "timeout" | "invalid-output" | "memory" | "crash";
export const FAULT_KINDS: readonly FaultKind[] = ["exception", "timeout", "invalid-output", "memory", "crash"];

export type FaultCounts = Partial<Record<FaultKind, number>>;

export interface ProgramRunMeta {
  readonly name: string;
  readonly faults: FaultCounts;
  /** First fault message seen, with its line when known, for users to act on. */
  readonly firstError?: string;
  readonly millis: number;
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
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ApplyProgress) => void;
}

export interface ApplyResult {
  readonly L: LabelMatrix;
  readonly meta: readonly ProgramRunMeta[];
}

export interface TryOptions {
  readonly classNames: readonly string[];
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
  /** Runs one program on a few inputs (the editor's "run on sample"): per-row output, vote, error and time. */
  tryProgram(program: Program, inputs: readonly unknown[], options: TryOptions): Promise<TryRowResult[]>;
  close(): Promise<void>;
}
