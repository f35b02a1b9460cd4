import { EngineError } from "../errors/engine-error";

const N = 624;
const M = 397;

/** One MT19937 tempered output, regenerating the state block when it is used up. */
function next(mt: Uint32Array, pos: { i: number }): number {
  if (pos.i >= N) {
    for (let kk = 0; kk < N; kk++) {
      const y = (mt[kk]! & 0x80000000) | (mt[(kk + 1) % N]! & 0x7fffffff);
      mt[kk] = mt[(kk + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    pos.i = 0;
  }
  let y = mt[pos.i++]!;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  return (y ^ (y >>> 18)) >>> 0;
}

/**
 * The first value of `np.random.seed(seed); np.random.random()` (NumPy's legacy MT19937 with its
 * integer seeding and 53-bit doubles) — the one random number Snorkel's LabelModel draws, to scale
 * mu_init. Using it makes `seed` mean what it means in Snorkel.
 *
 * @example
 * snorkelNumpyRandom(0); // 0.5488135039273248, as np.random.seed(0); np.random.random()
 */
export function snorkelNumpyRandom(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new EngineError("INVALID_ARGUMENT", `snorkel: seed must be an integer in 0..2^32 - 1 (as NumPy's), got ${seed}`);
  }
  const mt = new Uint32Array(N);
  mt[0] = seed >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
    // 1812433253 * prev + i in 32-bit arithmetic, split to stay exact in doubles.
    mt[i] = (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
  }
  const pos = { i: N };
  const a = next(mt, pos) >>> 5;
  const b = next(mt, pos) >>> 6;
  return (a * 67108864 + b) / 9007199254740992;
}
