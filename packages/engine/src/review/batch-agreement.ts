import type { LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";
import { cohenKappa } from "../metrics/cohen-kappa";
import { fleissKappa, type FleissKappa } from "../metrics/fleiss-kappa";
import { percentAgreement } from "../metrics/percent-agreement";
import { raterProgramAgreement } from "../metrics/rater-program-agreement";

/** One reviewer's label on one row of a batch. */
export interface BatchAnnotation {
  readonly rowId: string;
  readonly userId: string;
  readonly label: number;
}

export interface BatchAgreement<R extends { readonly id: string }> {
  readonly k: number;
  /** Rows with at least one label. */
  readonly rows: number;
  readonly annotations: number;
  readonly reviewers: readonly R[];
  /** Percent agreement and Cohen's kappa of each reviewer pair on the rows both labeled. */
  readonly pairs: { a: R; b: R; items: number; agreement: number | null; kappa: number | null }[];
  /** Fleiss' kappa over rows with 2+ labels; null without classes. */
  readonly fleiss: FleissKappa | null;
  /** Each reviewer's agreement with each program (empty without program votes). */
  readonly programs: { reviewer: R; byProgram: { name: string; covered: number; agreement: number | null; kappa: number | null }[] }[];
}

/**
 * Agreement statistics of a review batch: percent agreement and Cohen's kappa per reviewer pair
 * (on the rows both labeled), Fleiss' kappa over all rows with 2+ labels (raters may vary per
 * row), and, given the programs' votes on the batch's rows (`L` rows in `rowIds` order), each
 * reviewer's agreement with each program. Labels outside 0..k-1 are ignored.
 *
 * @example
 * const stats = batchAgreement({ k: 2, rowIds: ["r1", "r2"], reviewers: [{ id: "a" }, { id: "b" }], annotations });
 * stats.pairs[0].kappa; // Cohen's kappa of a and b
 */
export function batchAgreement<R extends { readonly id: string }>(input: {
  readonly k: number;
  /** The batch's labelled rows, in the order of L's rows. */
  readonly rowIds: readonly string[];
  readonly reviewers: readonly R[];
  readonly annotations: readonly BatchAnnotation[];
  readonly programs?: { readonly names: readonly string[]; readonly L: LabelMatrix } | null;
}): BatchAgreement<R> {
  const { k, rowIds, reviewers, annotations } = input;
  if (!Number.isInteger(k) || k < 0) throw new EngineError("INVALID_ARGUMENT", `batchAgreement: k must be an integer >= 0, got ${k}`);
  const rowPos = new Map(rowIds.map((id, i) => [id, i]));
  const labels = new Map(reviewers.map((r) => [r.id, new Int32Array(rowIds.length).fill(-1)]));
  const counts = new Int32Array(rowIds.length * Math.max(k, 1));
  for (const a of annotations) {
    const pos = rowPos.get(a.rowId);
    if (pos === undefined) throw new EngineError("INVALID_ARGUMENT", `batchAgreement: row ${a.rowId} is labelled but not among the ${rowIds.length} rows`);
    if (a.label < 0 || a.label >= k) continue;
    labels.get(a.userId)?.set([a.label], pos);
    counts[pos * k + a.label]!++;
  }
  const pairs: BatchAgreement<R>["pairs"] = [];
  for (let x = 0; x < reviewers.length; x++) {
    for (let y = x + 1; y < reviewers.length; y++) {
      const a = labels.get(reviewers[x]!.id)!;
      const b = labels.get(reviewers[y]!.id)!;
      const { agreement, items } = percentAgreement(a, b);
      pairs.push({ a: reviewers[x]!, b: reviewers[y]!, items, agreement, kappa: k ? cohenKappa(a, b, k).kappa : null });
    }
  }
  const fleiss = k ? fleissKappa(counts, rowIds.length, k) : null;
  const votes = input.programs;
  if (votes && votes.L.n !== rowIds.length)
    throw new EngineError("INVALID_ARGUMENT", `batchAgreement: program votes cover ${votes.L.n} rows, the batch has ${rowIds.length}`);
  if (votes && votes.L.m !== votes.names.length)
    throw new EngineError("INVALID_ARGUMENT", `batchAgreement: ${votes.L.m} vote columns for ${votes.names.length} program names`);
  const programs =
    votes && k && rowIds.length
      ? reviewers.map((reviewer) => ({
          reviewer,
          byProgram: raterProgramAgreement(labels.get(reviewer.id)!, votes.L, k).map((p) => ({
            name: votes.names[p.program]!,
            covered: p.covered,
            agreement: p.agreement,
            kappa: p.kappa,
          })),
        }))
      : [];
  return { k, rows: rowIds.length, annotations: annotations.length, reviewers, pairs, fleiss, programs };
}
