import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";

/** A program dropped because a simpler (or earlier-kept) one votes the same. */
export interface MergedProgram {
  /** Column of the program kept. */
  readonly kept: number;
  /** Column of the program dropped. */
  readonly dropped: number;
  /** Share of the rows where either votes on which both cast the same vote. */
  readonly agreement: number;
}

/**
 * How simple a program is: characters of code left after comments and blank space are removed
 * (shorter is simpler).
 *
 * @example
 * programSize("def f(t):\n    # why\n    return 1\n"); // 17
 */
export function programSize(source: string): number {
  return source
    .replace(/("""[\s\S]*?"""|\/\*[\s\S]*?\*\/)/g, "")
    .replace(/(^|\s)(#|\/\/).*$/gm, "")
    .replace(/\s+/g, "").length;
}

/**
 * De-duplication after self-consistency: programs whose votes agree on (almost) every train row
 * where either of them votes are merged, keeping the simplest. The first `fixed` columns (programs
 * kept from earlier rounds) always stay; the others are considered simplest first (ties: lower
 * column) and dropped when they agree with a program already kept on at least `agreement` of the
 * rows (default 0.98). Only train rows' votes are compared; no gold is read.
 *
 * @example
 * const { keep, merged } = dedupeByVotes(L, split.train, programs.map((p) => programSize(p.source)));
 */
export function dedupeByVotes(
  L: LabelMatrix,
  rows: ArrayLike<number>,
  sizes: readonly number[],
  o: { agreement?: number; fixed?: number } = {},
): { readonly keep: number[]; readonly merged: MergedProgram[] } {
  if (sizes.length !== L.m) throw new EngineError("INVALID_ARGUMENT", `dedupeByVotes: ${sizes.length} program sizes for ${L.m} columns`);
  const threshold = o.agreement ?? 0.98;
  if (!(threshold > 0 && threshold <= 1)) throw new EngineError("INVALID_ARGUMENT", `dedupeByVotes: agreement must be in (0, 1], got ${threshold}`);
  const fixed = Math.min(o.fixed ?? 0, L.m);
  const agree = (a: number, b: number): number => {
    let either = 0;
    let same = 0;
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r]!;
      const va = L.values[i * L.m + a]!;
      const vb = L.values[i * L.m + b]!;
      if (va === ABSTAIN && vb === ABSTAIN) continue;
      either++;
      if (va === vb) same++;
    }
    return either === 0 ? 1 : same / either;
  };
  const keep = Array.from({ length: fixed }, (_, j) => j);
  const merged: MergedProgram[] = [];
  const order = Array.from({ length: L.m - fixed }, (_, x) => x + fixed).sort((a, b) => sizes[a]! - sizes[b]! || a - b);
  for (const j of order) {
    let twin: { kept: number; agreement: number } | undefined;
    for (const kept of keep) {
      const agreement = agree(kept, j);
      if (agreement >= threshold) {
        twin = { kept, agreement };
        break;
      }
    }
    if (twin) merged.push({ kept: twin.kept, dropped: j, agreement: twin.agreement });
    else keep.push(j);
  }
  keep.sort((a, b) => a - b);
  return { keep, merged };
}
