import { describe, expect, it } from "vitest";
import { labelMatrixFromRows } from "../core/label-matrix";
import { SnorkelLabelModel } from "./snorkel-label-model";

// A fixed 12 x 4 matrix with k = 3. Expected mu from Snorkel 0.9's LabelModel computation run in
// PyTorch 2.13 (float32, autograd, torch.optim.SGD with momentum 0.9 and weight_decay = l2, the
// l2 term toward mu_init, clamp, column-permutation step), seeded with np.random.seed(seed).
const L = labelMatrixFromRows(
  [
    [0, 0, -1, 1],
    [1, 1, 1, -1],
    [2, 2, -1, 2],
    [0, -1, 0, 0],
    [1, 1, -1, 0],
    [2, -1, 2, 2],
    [0, 0, 0, -1],
    [-1, 1, 1, 1],
    [2, 2, 0, -1],
    [0, 1, 0, 0],
    [1, -1, 1, 2],
    [2, 2, 2, 1],
  ],
  3,
);
const TORCH_UNIFORM_SEED_123 = [
  0.9201052, 0.07290101, 0.01, 0.02335108, 0.6751618, 0.01751741, 0.07906158, 0.01, 0.99, 0.3809564, 0.04117477, 0.03477542, 0.3280715, 0.7324001, 0.01,
  0.08913808, 0.01, 0.6978047, 0.8295667, 0.01, 0.1665156, 0.01, 0.7438036, 0.08934774, 0.01, 0.0417252, 0.4703822, 0.5434823, 0.2752313, 0.01, 0.1677507,
  0.2405894, 0.3074469, 0.01, 0.2503282, 0.5013394,
];
const TORCH_L2_SEED_7 = [
  0.5095384, 0.1433875, 0.05782298, 0.2171159, 0.3031907, 0.08647846, 0.3240851, 0.1728004, 0.3846326, 0.2329532, 0.07042546, 0.02849933, 0.3222845, 0.3623399,
  0.06877417, 0.2402056, 0.1381732, 0.3039024, 0.4749277, 0.131401, 0.09226842, 0.1702357, 0.3220778, 0.08946669, 0.1569788, 0.09761206, 0.2224972, 0.362343,
  0.1567796, 0.02477685, 0.2301813, 0.2275541, 0.1330765, 0.1717638, 0.1789791, 0.2863292,
];

describe("SnorkelLabelModel against Snorkel's PyTorch computation", () => {
  const close = (ours: Float64Array, torch: number[]): number => Math.max(...torch.map((x, i) => Math.abs(x - ours[i]!)));

  it("matches mu to float32 precision: uniform balance, 100 epochs, seed 123", () => {
    const mu = new SnorkelLabelModel().fit(L, { k: 3, seed: 123 }).conditionalProbabilities();
    expect(close(mu, TORCH_UNIFORM_SEED_123)).toBeLessThan(5e-7);
  });

  it("matches mu with l2 = 0.1, a given balance, 50 epochs, seed 7", () => {
    const model = new SnorkelLabelModel({ epochs: 50, l2: 0.1 }).fit(L, { k: 3, seed: 7, classBalance: Float64Array.of(0.5, 0.3, 0.2) });
    expect(close(model.conditionalProbabilities(), TORCH_L2_SEED_7)).toBeLessThan(5e-7);
    expect(
      close(
        new SnorkelLabelModel({ epochs: 50 }).fit(L, { k: 3, seed: 7, classBalance: Float64Array.of(0.5, 0.3, 0.2) }).conditionalProbabilities(),
        TORCH_L2_SEED_7,
      ),
    ).toBeGreaterThan(1e-3);
  });
});
