import { createRng } from "../random/create-rng";
import type { MlpParams } from "./mlp-forward";

/**
 * He-normal initialisation (std sqrt(2 / fan_in)) of every weight, zero biases, from one seeded
 * stream (Box-Muller over `createRng(seed)`), layer by layer in row-major order.
 *
 * @example
 * const params = initMlpParams([1000, 32, 32, 2], 42);
 */
export function initMlpParams(sizes: readonly number[], seed: number): MlpParams {
  const rng = createRng(seed);
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l]!;
    const W = new Float32Array(fanIn * sizes[l + 1]!);
    const std = Math.sqrt(2 / fanIn);
    for (let x = 0; x < W.length; x += 2) {
      const radius = Math.sqrt(-2 * Math.log(1 - rng())) * std;
      const angle = 2 * Math.PI * rng();
      W[x] = radius * Math.cos(angle);
      if (x + 1 < W.length) W[x + 1] = radius * Math.sin(angle);
    }
    weights.push(W);
    biases.push(new Float32Array(sizes[l + 1]!));
  }
  return { sizes: [...sizes], weights, biases };
}
