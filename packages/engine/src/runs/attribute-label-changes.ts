import { EngineError } from "../errors/engine-error";

/** One program's votes on the same rows in the two runs; null when the program is not in that run (it abstains everywhere). */
export interface ProgramVotePair {
  readonly key: string;
  readonly votesA: ArrayLike<number> | null;
  readonly votesB: ArrayLike<number> | null;
}

export interface LabelChangeSample {
  readonly index: number;
  readonly from: number;
  readonly to: number;
  /** Keys of the programs whose votes differ on this row (empty: the label model alone moved it). */
  readonly programs: readonly string[];
}

/** Additive counts of label changes between two runs over some rows (see `mergeLabelChangeCounts`). */
export interface LabelChangeCounts {
  readonly rows: number;
  readonly changed: number;
  /** Per program key: changed rows on which that program's vote differs between the runs. */
  readonly byProgram: Readonly<Record<string, number>>;
  /** Changed rows on which no program's vote differs: the label-model change alone moved them. */
  readonly labelModelOnly: number;
  /** "from>to" -> changed rows, class indices (-1 = no label). */
  readonly transitions: Readonly<Record<string, number>>;
  /** The first changed rows, in row order. */
  readonly samples: readonly LabelChangeSample[];
}

/**
 * Compares two runs' labels row by row and attributes every changed row to the programs whose
 * votes differ between the runs on that row (a program added or removed counts where it votes);
 * a changed row with identical votes is put on the label model. A row can name several programs,
 * so `byProgram` counts may add up to more than `changed`. Programs with identical vote columns
 * need not be passed: they never differ.
 *
 * @example
 * attributeLabelChanges({ labelsA: [0, 1], labelsB: [1, 1], programs: [{ key: "p17", votesA: [-1, 1], votesB: [1, 1] }] });
 * // { rows: 2, changed: 1, byProgram: { p17: 1 }, labelModelOnly: 0, transitions: { "0>1": 1 }, samples: [...] }
 */
export function attributeLabelChanges(input: {
  readonly labelsA: ArrayLike<number>;
  readonly labelsB: ArrayLike<number>;
  readonly programs: readonly ProgramVotePair[];
  /** Row index of position 0 (for the samples); default 0. */
  readonly offset?: number;
  /** How many changed rows to keep as samples; default 20. */
  readonly sampleLimit?: number;
}): LabelChangeCounts {
  const { labelsA, labelsB, programs, offset = 0, sampleLimit = 20 } = input;
  const n = labelsA.length;
  if (labelsB.length !== n) throw new EngineError("INVALID_ARGUMENT", `attributeLabelChanges: ${n} labels in run A, ${labelsB.length} in run B`);
  for (const p of programs) {
    for (const [side, votes] of [
      ["A", p.votesA],
      ["B", p.votesB],
    ] as const) {
      if (votes && votes.length !== n)
        throw new EngineError("INVALID_ARGUMENT", `attributeLabelChanges: program ${p.key} has ${votes.length} votes in run ${side} for ${n} rows`);
    }
  }
  const byProgram: Record<string, number> = {};
  const transitions: Record<string, number> = {};
  const samples: LabelChangeSample[] = [];
  let changed = 0;
  let labelModelOnly = 0;
  for (let i = 0; i < n; i++) {
    const from = labelsA[i]!;
    const to = labelsB[i]!;
    if (from === to) continue;
    changed++;
    const key = `${from}>${to}`;
    transitions[key] = (transitions[key] ?? 0) + 1;
    const drivers: string[] = [];
    for (const p of programs) {
      const a = p.votesA ? p.votesA[i]! : -1;
      const b = p.votesB ? p.votesB[i]! : -1;
      if (a !== b) {
        drivers.push(p.key);
        byProgram[p.key] = (byProgram[p.key] ?? 0) + 1;
      }
    }
    if (drivers.length === 0) labelModelOnly++;
    if (samples.length < sampleLimit) samples.push({ index: offset + i, from, to, programs: drivers });
  }
  return { rows: n, changed, byProgram, labelModelOnly, transitions, samples };
}

/**
 * Sums the counts of consecutive row ranges (e.g. one per chunk, in row order); samples are kept
 * in order up to `sampleLimit`.
 *
 * @example
 * const total = chunks.reduce((acc, c) => mergeLabelChangeCounts(acc, c), emptyLabelChangeCounts());
 */
export function mergeLabelChangeCounts(a: LabelChangeCounts, b: LabelChangeCounts, sampleLimit = 20): LabelChangeCounts {
  const add = (x: Readonly<Record<string, number>>, y: Readonly<Record<string, number>>) => {
    const out: Record<string, number> = { ...x };
    for (const [key, count] of Object.entries(y)) out[key] = (out[key] ?? 0) + count;
    return out;
  };
  return {
    rows: a.rows + b.rows,
    changed: a.changed + b.changed,
    byProgram: add(a.byProgram, b.byProgram),
    labelModelOnly: a.labelModelOnly + b.labelModelOnly,
    transitions: add(a.transitions, b.transitions),
    samples: [...a.samples, ...b.samples].slice(0, sampleLimit),
  };
}

/** Counts over no rows: the start of a `mergeLabelChangeCounts` fold. */
export function emptyLabelChangeCounts(): LabelChangeCounts {
  return { rows: 0, changed: 0, byProgram: {}, labelModelOnly: 0, transitions: {}, samples: [] };
}
