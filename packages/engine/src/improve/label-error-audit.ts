import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import type { Probabilities } from "../core/probabilities";
import { EngineError } from "../errors/engine-error";

/** A row whose label is likely wrong. */
export interface LabelIssue {
  readonly row: number;
  /** The label under audit (gold where known, else the pseudolabel). */
  readonly label: number;
  /** The class the evidence points to. */
  readonly suggested: number;
  /** Combined probability of the label under audit (lower = more likely wrong): the ranking key. */
  readonly selfConfidence: number;
  /** Out-of-fold model's probability of the label, and the share of program votes against it (null: no vote). */
  readonly modelConfidence: number;
  readonly voteDisagreement: number | null;
}

/**
 * Confident learning (Northcutt et al.; what cleanlab's `find_label_issues` does), on three views of
 * a row: its label (gold where known, else the label model's pseudolabel), the distilled model's
 * out-of-fold probabilities, and the programs' votes. Evidence per row = the mean of the
 * out-of-fold probabilities and the row's vote shares (the model alone where no program votes).
 * Per class c the threshold t_c is the mean evidence for c over rows labeled c; a row is an issue
 * when some other class clears its threshold and beats the label's evidence (the confident joint's
 * off-diagonal). Thresholds use every labeled row; `rows` limits the rows reported. Issues are
 * ranked by self-confidence, lowest first.
 *
 * @example
 * const issues = labelErrorAudit({ labels, proba: oof, L, rows: split.train });
 * issues[0]; // { row: 812, label: 0, suggested: 1, selfConfidence: 0.08, ... }
 */
export function labelErrorAudit(o: { labels: ArrayLike<number>; proba: Probabilities; L?: LabelMatrix; rows?: ArrayLike<number> }): LabelIssue[] {
  const { proba, L } = o;
  const { k } = proba;
  if (o.labels.length !== proba.n) throw new EngineError("INVALID_ARGUMENT", `labelErrorAudit: ${o.labels.length} labels for ${proba.n} rows of probabilities`);
  if (L && L.n !== proba.n) throw new EngineError("INVALID_ARGUMENT", `labelErrorAudit: votes have ${L.n} rows, probabilities ${proba.n}`);
  const rows = Array.from({ length: proba.n }, (_, i) => i);
  const audited = o.rows ? new Set(Array.from(o.rows)) : undefined;
  const evidence = new Float64Array(rows.length * k);
  const disagreement: (number | null)[] = [];
  const counts = new Float64Array(k);
  rows.forEach((i, at) => {
    counts.fill(0);
    let votes = 0;
    if (L) {
      for (let j = 0; j < L.m; j++) {
        const v = L.values[i * L.m + j]!;
        if (v === ABSTAIN) continue;
        counts[v]!++;
        votes++;
      }
    }
    const label = o.labels[i]!;
    disagreement.push(votes === 0 || label < 0 ? null : (votes - counts[label]!) / votes);
    for (let c = 0; c < k; c++) evidence[at * k + c] = votes === 0 ? proba.values[i * k + c]! : (proba.values[i * k + c]! + counts[c]! / votes) / 2;
  });
  const sum = new Float64Array(k);
  const num = new Float64Array(k);
  rows.forEach((i, at) => {
    const y = o.labels[i]!;
    if (y < 0 || y >= k) return;
    sum[y]! += evidence[at * k + y]!;
    num[y]!++;
  });
  const threshold = Array.from(sum, (s, c) => (num[c]! > 0 ? s / num[c]! : 1));
  const issues: LabelIssue[] = [];
  rows.forEach((i, at) => {
    const y = o.labels[i]!;
    if (y < 0 || y >= k || (audited && !audited.has(i))) return;
    let suggested = -1;
    for (let c = 0; c < k; c++) {
      const e = evidence[at * k + c]!;
      if (c !== y && e >= threshold[c]! && e > evidence[at * k + y]! && (suggested < 0 || e > evidence[at * k + suggested]!)) suggested = c;
    }
    if (suggested < 0) return;
    issues.push({
      row: i,
      label: y,
      suggested,
      selfConfidence: evidence[at * k + y]!,
      modelConfidence: proba.values[i * k + y]!,
      voteDisagreement: disagreement[at]!,
    });
  });
  return issues.sort((a, b) => a.selfConfidence - b.selfConfidence || a.row - b.row);
}
