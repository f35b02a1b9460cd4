import type { DataRow } from "../core/dataset";
import type { TaskSpec } from "../core/task";
import { programInput } from "../datasets/program-input";
import { EngineError } from "../errors/engine-error";
import { seededShuffle } from "../random/seeded-shuffle";

export interface Exemplar {
  readonly text: string;
  readonly label: number;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}...` : text);

/**
 * Up to `perClass` labeled exemplars per class, drawn (seeded) from rows with gold in `split`
 * (dev by default: the only labels the honest-evaluation rules let prompts see).
 *
 * @example
 * const exemplars = sampleExemplars(dataset.rows, task, { perClass: 3, seed: 42 });
 */
export function sampleExemplars(
  rows: readonly DataRow[],
  task: TaskSpec,
  options: { perClass: number; seed: number; split?: DataRow["split"]; maxChars?: number },
): Exemplar[] {
  if (!Number.isInteger(options.perClass) || options.perClass < 1)
    throw new EngineError("INVALID_ARGUMENT", `perClass must be a positive integer, got ${options.perClass}`);
  const split = options.split ?? "dev";
  const pool = seededShuffle(
    rows.filter((r) => r.split === split && r.gold !== undefined && r.gold >= 0),
    options.seed,
  );
  const out: Exemplar[] = [];
  for (let c = 0; c < task.classes.length; c++) {
    for (const row of pool.filter((r) => r.gold === c).slice(0, options.perClass)) {
      const input = programInput(row, task.input);
      out.push({ text: clip(typeof input === "string" ? input : JSON.stringify(input), options.maxChars ?? 400), label: c });
    }
  }
  return out;
}

/**
 * Renders exemplars as prompt lines, `<class> (<index>): <text>`.
 *
 * @example
 * renderExemplars([{ text: "WIN a prize", label: 1 }], task); // "spam (1): WIN a prize"
 */
export function renderExemplars(exemplars: readonly Exemplar[], task: TaskSpec): string {
  return exemplars.map((e) => `${task.classes[e.label]?.name ?? e.label} (${e.label}): ${e.text.replace(/\s+/g, " ")}`).join("\n");
}
