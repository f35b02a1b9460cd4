import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";

const MAX_CODES = 128;

const badVote = (i: number, j: number, v: number, k: number): EngineError =>
  new EngineError("INVALID_ARGUMENT", `sufficientStatistics: row ${i} program ${j} votes ${v}, outside -1..${k - 1}`);

/** Rows' active indicator lists, each pair counted once: O(active^2) per row. */
function countSparse(L: LabelMatrix, k: number, O: Float64Array): number {
  const { n, m, values } = L;
  const d = m * k;
  const active = new Int32Array(m);
  let covered = 0;
  for (let i = 0, base = 0; i < n; i++, base += m) {
    let t = 0;
    for (let j = 0; j < m; j++) {
      const v = values[base + j]!;
      if (v === ABSTAIN) continue;
      if (v < 0 || v >= k) throw badVote(i, j, v, k);
      active[t++] = j * k + v;
    }
    if (t > 0) covered++;
    for (let x = 0; x < t; x++) {
      const row = active[x]! * d;
      for (let y = x; y < t; y++) O[row + active[y]!]!++;
    }
  }
  return covered;
}

/**
 * Adds the upper triangle of L_ind^T L_ind (indices j * k + v) to `O` and returns the number of rows
 * with at least one vote. Programs are packed in groups of g whose joint vote (abstain included)
 * is one code < (k + 1)^g <= 128, so a row costs g-group-pair table increments instead of one per
 * pair of votes (for m = 20, k = 2: 15 instead of up to 210); the small tables are expanded into O
 * at the end. Falls back to per-row sparse pairs when groups would hold fewer than 2 programs.
 *
 * @example
 * const O = new Float64Array(d * d);
 * const covered = countCooccurrences(L, k, O);
 */
export function countCooccurrences(L: LabelMatrix, k: number, O: Float64Array): number {
  const { n, m, values } = L;
  const radix = k + 1;
  let g = 0;
  while (g < m && radix ** (g + 1) <= MAX_CODES) g++;
  if (g < 2) return countSparse(L, k, O);
  const groups = Math.ceil(m / g);
  const sizes = Int32Array.from({ length: groups }, (_, G) => radix ** (Math.min(m, (G + 1) * g) - G * g));
  // Table (G, H) for G <= H: a codes(G) x codes(H) block (diagonal blocks use only their diagonal).
  const offset = new Int32Array(groups * groups);
  let total = 0;
  for (let G = 0; G < groups; G++) for (let H = G; H < groups; H++) [offset[G * groups + H], total] = [total, total + sizes[G]! * sizes[H]!];
  const tables = new Uint32Array(total);
  const codes = new Int32Array(groups);
  let covered = 0;
  for (let i = 0, base = 0; i < n; i++, base += m) {
    let any = 0;
    for (let G = 0, j = 0; G < groups; G++) {
      let code = 0;
      for (let place = 1, end = Math.min(m, j + g); j < end; j++, place *= radix) {
        const v = values[base + j]!;
        if (v < ABSTAIN || v >= k) throw badVote(i, j, v, k);
        code += (v + 1) * place;
      }
      codes[G] = code;
      any |= code;
    }
    if (any !== 0) covered++;
    for (let G = 0; G < groups; G++) {
      const cG = codes[G]!;
      tables[offset[G * groups + G]! + cG * sizes[G]! + cG]!++;
      for (let H = G + 1; H < groups; H++) tables[offset[G * groups + H]! + cG * sizes[H]! + codes[H]!]!++;
    }
  }
  expandTables(tables, offset, groups, g, m, k, O);
  return covered;
}

function expandTables(tables: Uint32Array, offset: Int32Array, groups: number, g: number, m: number, k: number, O: Float64Array): void {
  const d = m * k;
  const radix = k + 1;
  // Decoded active indices (j * k + v) of every code of every group.
  const decoded: Int32Array[][] = [];
  for (let G = 0; G < groups; G++) {
    const first = G * g;
    const count = Math.min(m, first + g) - first;
    decoded.push(
      Array.from({ length: radix ** count }, (_, code) => {
        const out: number[] = [];
        for (let t = 0, c = code; t < count; t++, c = Math.floor(c / radix)) if (c % radix !== 0) out.push((first + t) * k + (c % radix) - 1);
        return Int32Array.from(out);
      }),
    );
  }
  for (let G = 0; G < groups; G++) {
    for (let H = G; H < groups; H++) {
      const sH = decoded[H]!.length;
      for (let a = 0; a < decoded[G]!.length; a++) {
        for (let b = G === H ? a : 0; b < (G === H ? a + 1 : sH); b++) {
          const t = tables[offset[G * groups + H]! + a * sH + b]!;
          if (t === 0) continue;
          const xs = decoded[G]![a]!;
          const ys = decoded[H]![b]!;
          for (let x = 0; x < xs.length; x++) for (let y = G === H ? x : 0; y < ys.length; y++) O[xs[x]! * d + ys[y]!]! += t;
        }
      }
    }
  }
}
