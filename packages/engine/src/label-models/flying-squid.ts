import type { LabelMatrix } from "../core/label-matrix";
import type { LabelModel, LabelModelFitOptions, TieBreak } from "../core/label-model";
import { createProbabilities, type Probabilities } from "../core/probabilities";
import { EngineError } from "../errors/engine-error";
import { checkVotes } from "./check-votes";
import { fitFlyingSquidBinary, predictFlyingSquidBinary, type FlyingSquidBinary, type SignFn } from "./flying-squid-binary";
import { probsToPreds } from "./probs-to-preds";

const binarySign: SignFn = (v) => (v === 1 ? 1 : v === 0 ? -1 : 0);
const oneVsRest =
  (c: number): SignFn =>
  (v) =>
    v === c ? 1 : v === -1 ? 0 : -1;

/**
 * FlyingSquid (Fu et al. 2020) as WRENCH's `labelmodel/flyingsquid.py` wraps it: closed-form
 * triplet estimates of each program's accuracy, no iterations. k = 2: one model with class 1 as
 * +1. k > 2: one-vs-rest models with class balance [1 - b_c, b_c], whose P(class c) are then
 * softmaxed (exp of probabilities, NaN -> 0 weight), exactly as WRENCH combines them. The class
 * balance is used as given (WRENCH passes (dev counts + 1) / n_dev); uniform when absent.
 *
 * @example
 * const fs = new FlyingSquid().fit(L, { k: 2, classBalance: Float64Array.of(0.5, 0.5) });
 * const y = fs.predict(L);
 */
export class FlyingSquid implements LabelModel {
  readonly name = "flyingsquid";
  private k = 0;
  private models: FlyingSquidBinary[] = [];

  fit(L: LabelMatrix, options: LabelModelFitOptions): this {
    const { k, classBalance } = options;
    checkVotes(L, k, "FlyingSquid.fit");
    if (L.m < 3) throw new EngineError("INVALID_ARGUMENT", `FlyingSquid.fit: the triplet method needs at least 3 programs, got ${L.m}`);
    if (L.n === 0) throw new EngineError("INVALID_ARGUMENT", "FlyingSquid.fit: the label matrix has no rows");
    if (classBalance && classBalance.length !== k)
      throw new EngineError("INVALID_ARGUMENT", `FlyingSquid.fit: class balance has ${classBalance.length} entries for k = ${k}`);
    const b = classBalance ? Array.from(classBalance) : new Array<number>(k).fill(1 / k);
    const bad = b.findIndex((x) => !(x > 0 && x < 1 + 1e-9) || (k === 2 && !(x > 0)));
    if (bad >= 0) throw new EngineError("INVALID_ARGUMENT", `FlyingSquid.fit: class balance entry ${bad} is ${b[bad]}, must be in (0, 1]`);
    this.k = k;
    this.models = k === 2 ? [fitFlyingSquidBinary(L, binarySign, [b[0]!, b[1]!])] : b.map((bc, c) => fitFlyingSquidBinary(L, oneVsRest(c), [1 - bc, bc]));
    return this;
  }

  predictProba(L: LabelMatrix): Probabilities {
    const k = this.k;
    if (k === 0) throw new EngineError("INVALID_ARGUMENT", "FlyingSquid: call fit() before predicting");
    if (L.m !== this.models[0]!.m) throw new EngineError("INVALID_ARGUMENT", `FlyingSquid: fitted on ${this.models[0]!.m} programs, got ${L.m}`);
    checkVotes(L, k, "FlyingSquid.predictProba");
    const P = createProbabilities(L.n, k);
    const v = P.values;
    if (k === 2) {
      const p1 = predictFlyingSquidBinary(this.models[0]!, L, binarySign);
      for (let i = 0; i < L.n; i++) [v[2 * i], v[2 * i + 1]] = [1 - p1[i]!, p1[i]!];
      return P;
    }
    this.models.forEach((model, c) => {
      const pc = predictFlyingSquidBinary(model, L, oneVsRest(c));
      for (let i = 0; i < L.n; i++) v[i * k + c] = Number.isNaN(pc[i]!) ? 0 : Math.exp(pc[i]!);
    });
    for (let i = 0; i < L.n; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += v[i * k + c]!;
      for (let c = 0; c < k; c++) v[i * k + c]! /= s;
    }
    return P;
  }

  predict(L: LabelMatrix, options: { tieBreak?: TieBreak; seed?: number } = {}): Int32Array {
    return probsToPreds(this.predictProba(L), options);
  }
}
