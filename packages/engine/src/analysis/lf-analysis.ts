import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";

/** Per-program statistics; fractions are over all n rows (Snorkel `LFAnalysis`). */
export interface ProgramAnalysis {
  readonly name: string;
  /** Sorted distinct classes the program emits. */
  readonly polarity: number[];
  readonly coverage: number;
  /** Rows where this program and at least one other program vote. */
  readonly overlaps: number;
  /** Rows where this program votes and another program votes a different class. */
  readonly conflicts: number;
  /** With gold: votes on rows with gold >= 0 that match / differ. */
  readonly correct?: number;
  readonly incorrect?: number;
  /** correct / (correct + incorrect); null when the program never voted on a gold row. */
  readonly empiricalAccuracy?: number | null;
}

export interface LfAnalysis {
  /** Rows with >= 1 vote. */
  readonly coverage: number;
  /** Rows with >= 2 votes. */
  readonly overlap: number;
  /** Rows with >= 2 distinct non-abstain votes. */
  readonly conflict: number;
  /** Per class c: rows with >= 1 vote for c. */
  readonly classCoverage: number[];
  readonly programs: ProgramAnalysis[];
}

export interface LfAnalysisOptions {
  readonly k: number;
  readonly names?: readonly string[];
  /** Gold class per row; -1 = unknown and ignored. */
  readonly gold?: ArrayLike<number>;
}

/**
 * Coverage, overlap, conflict and (with gold) empirical accuracy of each labeling program.
 *
 * @example
 * const L = labelMatrixFromRows([[-1, 0, 0], [-1, -1, -1], [1, 0, -1], [-1, 0, -1], [0, 0, 0]], 2);
 * lfAnalysis(L, { k: 2 }).coverage; // 0.8
 */
export function lfAnalysis(L: LabelMatrix, options: LfAnalysisOptions): LfAnalysis {
  const { n, m, values } = L;
  const { k, names, gold } = options;
  if (!Number.isInteger(k) || k < 2) throw new EngineError("INVALID_ARGUMENT", `lfAnalysis: k must be an integer >= 2, got ${k}`);
  if (names && names.length !== m) throw new EngineError("INVALID_ARGUMENT", `lfAnalysis: ${names.length} names for ${m} programs`);
  if (gold && gold.length !== n) throw new EngineError("INVALID_ARGUMENT", `lfAnalysis: ${gold.length} gold labels for ${n} rows`);
  const votes = new Float64Array(m);
  const overlaps = new Float64Array(m);
  const conflicts = new Float64Array(m);
  const correct = new Float64Array(m);
  const incorrect = new Float64Array(m);
  const emits = new Uint8Array(m * k);
  const classRows = new Float64Array(k);
  const seen = new Uint8Array(k);
  let covered = 0;
  let overlapped = 0;
  let conflicted = 0;
  for (let i = 0; i < n; i++) {
    const row = i * m;
    seen.fill(0);
    let count = 0;
    let distinct = 0;
    for (let j = 0; j < m; j++) {
      const v = values[row + j]!;
      if (v === ABSTAIN) continue;
      if (v < 0 || v >= k) throw new EngineError("INVALID_ARGUMENT", `lfAnalysis: row ${i} program ${j} votes ${v}, outside -1..${k - 1}`);
      count++;
      if (seen[v] === 0) distinct++;
      seen[v] = 1;
      emits[j * k + v] = 1;
      votes[j]!++;
      const g = gold ? gold[i]! : -1;
      if (g >= 0) {
        if (g === v) correct[j]!++;
        else incorrect[j]!++;
      }
    }
    if (count >= 1) covered++;
    if (count >= 2) overlapped++;
    if (distinct >= 2) conflicted++;
    for (let c = 0; c < k; c++) classRows[c]! += seen[c]!;
    if (count < 2) continue;
    for (let j = 0; j < m; j++) {
      if (values[row + j] === ABSTAIN) continue;
      overlaps[j]!++;
      if (distinct >= 2) conflicts[j]!++;
    }
  }
  const frac = (x: number): number => (n === 0 ? 0 : x / n);
  const programs: ProgramAnalysis[] = [];
  for (let j = 0; j < m; j++) {
    const polarity: number[] = [];
    for (let c = 0; c < k; c++) if (emits[j * k + c]) polarity.push(c);
    const base = { name: names?.[j] ?? `lf_${j}`, polarity, coverage: frac(votes[j]!), overlaps: frac(overlaps[j]!), conflicts: frac(conflicts[j]!) };
    if (!gold) {
      programs.push(base);
      continue;
    }
    const total = correct[j]! + incorrect[j]!;
    programs.push({ ...base, correct: correct[j]!, incorrect: incorrect[j]!, empiricalAccuracy: total === 0 ? null : correct[j]! / total });
  }
  return { coverage: frac(covered), overlap: frac(overlapped), conflict: frac(conflicted), classCoverage: Array.from(classRows, frac), programs };
}
