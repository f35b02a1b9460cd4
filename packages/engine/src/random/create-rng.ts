import { EngineError } from "../errors/engine-error";

/** splitmix32 step: spreads nearby seeds (1, 2, 3...) into unrelated 32-bit states. */
function splitmix32(state: number): [next: number, out: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/**
 * A deterministic uniform generator on [0, 1) (sfc32, seeded through splitmix32 so that
 * nearby seeds give unrelated streams). The seed is reduced to 32 bits.
 *
 * @example
 * const rng = createRng(42);
 * const x = rng(); // same value every run for seed 42
 */
export function createRng(seed: number): () => number {
  if (!Number.isInteger(seed)) throw new EngineError("INVALID_ARGUMENT", `rng seed must be an integer, got ${seed}`);
  let state = Number(BigInt.asUintN(32, BigInt(seed)));
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [next, out] = splitmix32(state);
    state = next;
    words.push(out);
  }
  let [a, b, c, d] = words as [number, number, number, number];
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs: sfc32 mixes its state over its first few steps.
  for (let i = 0; i < 12; i++) next();
  return next;
}
