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

/**
 * Runs untrusted programs. The first implementation lives in `node/`; the hardened sandbox
 * implements the same interface so callers never change.
 */
export interface ProgramRunner {
  check(program: Program): Promise<StaticCheckResult>;
  /** Applies every program to every input (text, record or concept scores), in input order. */
  apply(programs: readonly Program[], inputs: readonly unknown[], options: ApplyOptions): Promise<ApplyResult>;
  close(): Promise<void>;
}
