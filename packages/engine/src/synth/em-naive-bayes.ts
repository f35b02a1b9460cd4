import type { CueTable } from "./cue-table";

/** Class posteriors of the unlabeled documents, row-major `unlabeled x k`. */
export type Posteriors = Float64Array;

const TEMPER_CUES = 30;

function posteriors(table: CueTable, logPrior: Float64Array, logTheta: Float64Array, k: number): Posteriors {
  const out = new Float64Array(table.unlabeledDocs.length * k);
  const scores = new Float64Array(k);
  table.unlabeledDocs.forEach((doc, r) => {
    // Long texts would get 0/1 posteriors from hundreds of dependent cues; temper them.
    const temper = Math.min(1, Math.sqrt(TEMPER_CUES / Math.max(1, doc.length)));
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (const f of doc) s += logTheta[f * k + c]!;
      scores[c] = logPrior[c]! + s * temper;
    }
    const max = Math.max(...scores);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += scores[c] = Math.exp(scores[c]! - max);
    for (let c = 0; c < k; c++) out[r * k + c] = scores[c]! / sum;
  });
  return out;
}

/**
 * Semi-supervised multinomial naive Bayes over cue presence (Nigam et al., 2000): fit on the
 * seed, then alternate E steps on the unlabeled texts and M steps where each unlabeled text
 * counts `unlabeledWeight` times its posterior, so a small seed is not drowned.
 */
export function emNaiveBayes(table: CueTable, seedLabels: readonly number[], k: number, unlabeledWeight: number, iterations: number): Posteriors {
  const m = table.ids.length;
  let post: Posteriors | null = null;
  for (let it = 0; it <= iterations; it++) {
    const classMass = new Float64Array(k).fill(1);
    const featMass = new Float64Array(m * k).fill(0.1);
    const tokenMass = new Float64Array(k).fill(0.1 * m);
    table.seedDocs.forEach((doc, r) => {
      const c = seedLabels[r]!;
      classMass[c]! += 1;
      for (const f of doc) featMass[f * k + c]! += 1;
      tokenMass[c]! += doc.length;
    });
    if (post) {
      const p = post;
      table.unlabeledDocs.forEach((doc, r) => {
        for (let c = 0; c < k; c++) {
          const w = unlabeledWeight * p[r * k + c]!;
          classMass[c]! += w;
          for (const f of doc) featMass[f * k + c]! += w;
          tokenMass[c]! += w * doc.length;
        }
      });
    }
    const total = classMass.reduce((a, b) => a + b, 0);
    const logPrior = classMass.map((v) => Math.log(v / total));
    const logTheta = featMass.map((v, i) => Math.log(v / tokenMass[i % k]!));
    post = posteriors(table, logPrior, logTheta, k);
  }
  return post!;
}
