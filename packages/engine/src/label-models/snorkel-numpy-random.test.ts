import { describe, expect, it } from "vitest";
import { snorkelNumpyRandom } from "./snorkel-numpy-random";

describe("snorkelNumpyRandom", () => {
  it("equals np.random.seed(s); np.random.random() (values printed by NumPy 2.4)", () => {
    const numpy: [number, number][] = [
      [0, 0.5488135039273248],
      [1, 0.417022004702574],
      [4, 0.9670298390136767],
      [42, 0.3745401188473625],
      [999999, 0.308979188922057],
      [4294967295, 0.0976320289940138],
    ];
    for (const [seed, value] of numpy) expect(snorkelNumpyRandom(seed)).toBe(value);
  });

  it("rejects seeds NumPy rejects", () => {
    expect(() => snorkelNumpyRandom(-1)).toThrow(/0..2\^32 - 1 \(as NumPy's\), got -1/);
    expect(() => snorkelNumpyRandom(2 ** 32)).toThrow(/got 4294967296/);
  });
});
