import type { FaultCounts } from "../core/program";
import type { ClassificationReport } from "../metrics/classification-report";

/**
 * Test-set metrics; `accuracy`/`f1` are `null` when the test split has no gold labels. With gold,
 * the full classification report (binary and macro F1, per-class precision/recall, confusion, ECE).
 */
export type TestMetrics = { readonly accuracy: null; readonly f1: null; readonly n: 0 } | ClassificationReport;

export interface ProgramReport {
  readonly name: string;
  readonly language: string;
  readonly coverage: number;
  readonly overlaps: number;
  readonly conflicts: number;
  /** Accuracy on the dev rows with gold where the program voted; `null` when it never voted there. */
  readonly devAccuracy: number | null;
  readonly faults: number;
  readonly faultsByKind: FaultCounts;
  readonly firstError?: string;
  /** Set when the runner stopped the program for the rest of the apply (its later rows are `disabled` faults). */
  readonly stopped?: { readonly row: number; readonly reason: string };
}
