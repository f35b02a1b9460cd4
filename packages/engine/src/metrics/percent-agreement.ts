import { EngineError } from "../errors/engine-error";

export interface PercentAgreement {
  /** Fraction of items both raters labeled on which they gave the same label; null when no such item. */
  readonly agreement: number | null;
  /** Items both raters labeled (label >= 0 in both). */
  readonly items: number;
}

/**
 * Raw agreement between two raters over the items both labeled; a label of -1 means "not rated"
 * and the item is left out, so partially overlapping raters are compared on what they share.
 *
 * @example
 * percentAgreement([0, 1, 1, -1], [0, 1, 0, 1]); // { agreement: 2 / 3, items: 3 }
 */
export function percentAgreement(a: ArrayLike<number>, b: ArrayLike<number>): PercentAgreement {
  if (a.length !== b.length) throw new EngineError("INVALID_ARGUMENT", `percentAgreement: rater a has ${a.length} labels but rater b has ${b.length}`);
  let items = 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!Number.isInteger(x) || !Number.isInteger(y))
      throw new EngineError("INVALID_ARGUMENT", `percentAgreement: item ${i} has non-integer labels ${x} / ${y}`);
    if (x < 0 || y < 0) continue;
    items++;
    if (x === y) same++;
  }
  return { agreement: items === 0 ? null : same / items, items };
}
