import { describe, expect, it } from "vitest";
import { createRng } from "../random/create-rng";
import { snorkelLoss, type SnorkelObjective } from "./snorkel-loss";

/** Snorkel's loss written directly from its definition, with the full dense mask. */
function referenceLoss(mu: Float64Array, o: SnorkelObjective): number {
  const { d, k, O, p, muInit, l2 } = o;
  let loss = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      if (Math.floor(a / k) === Math.floor(b / k)) continue;
      let m = 0;
      for (let c = 0; c < k; c++) m += mu[a * k + c]! * p[c]! * mu[b * k + c]!;
      loss += (O[a * d + b]! - m) ** 2;
    }
    let s = 0;
    for (let c = 0; c < k; c++) s += mu[a * k + c]! * p[c]!;
    loss += (s - O[a * d + a]!) ** 2;
  }
  for (let i = 0; i < d * k; i++) loss += l2 * l2 * (mu[i]! - muInit[i]!) ** 2;
  return loss;
}

function randomObjective(m: number, k: number, l2: number, seed: number): { mu: Float64Array; objective: SnorkelObjective } {
  const rng = createRng(seed);
  const d = m * k;
  const O = new Float64Array(d * d);
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) O[a * d + b] = O[b * d + a] = rng() * 0.3;
  const p = Float64Array.from({ length: k }, () => 0.2 + rng());
  const muInit = Float64Array.from({ length: d * k }, () => rng());
  const mu = Float64Array.from({ length: d * k }, () => rng());
  return { mu, objective: { d, k, O, p, muInit, l2 } };
}

describe("snorkelLoss", () => {
  it.each([
    [3, 2, 0],
    [4, 3, 0.5],
    [5, 4, 0.1],
  ])("matches the dense definition and finite differences (m %i, k %i, l2 %f)", (m, k, l2) => {
    const { mu, objective } = randomObjective(m, k, l2, 7 * m + k);
    const grad = new Float64Array(mu.length);
    const loss = snorkelLoss(mu, objective, grad);
    expect(loss).toBeCloseTo(referenceLoss(mu, objective), 10);
    const h = 1e-6;
    for (let i = 0; i < mu.length; i++) {
      const plus = mu.slice();
      const minus = mu.slice();
      plus[i]! += h;
      minus[i]! -= h;
      const numeric = (referenceLoss(plus, objective) - referenceLoss(minus, objective)) / (2 * h);
      expect(grad[i]).toBeCloseTo(numeric, 5);
    }
  });

  it("is zero with a zero gradient at a consistent mu", () => {
    // O built from mu itself: off-diagonal blocks are mu P mu^T and the diagonal is the row sums.
    const { mu, objective } = randomObjective(3, 2, 0, 1);
    const { d, k, p } = objective;
    const O = new Float64Array(d * d);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) for (let c = 0; c < k; c++) O[a * d + b]! += mu[a * k + c]! * p[c]! * mu[b * k + c]!;
      O[a * d + a] = mu[a * k]! * p[0]! + mu[a * k + 1]! * p[1]!;
    }
    const grad = new Float64Array(mu.length);
    expect(snorkelLoss(mu, { ...objective, O }, grad)).toBeCloseTo(0, 12);
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-12);
  });
});
