import type { TaskSpec } from "../core/task";
import { parseClassAnswer, zeroShotPrompt } from "./zero-shot-prompt";

/**
 * The zero-shot prompt for several rows in one call: the rows numbered, one answer line each
 * (`<number>: <class>`). One row gives exactly the zero-shot baseline's prompt, so its cached
 * answers are reused.
 *
 * @example
 * batchLabelPrompt(task, ["WIN a prize", "lunch?"]);
 * // "what is the category of each of these 2 texts? ... 1. WIN a prize\n2. lunch?"
 */
export function batchLabelPrompt(task: TaskSpec, texts: readonly string[]): string {
  if (texts.length === 1) return zeroShotPrompt(task, texts[0]!);
  const classes = task.classes.map((c) => c.name).join(", ");
  const rows = texts.map((t, i) => `${i + 1}. ${t.replace(/\s+/g, " ").trim()}`).join("\n");
  return `what is the category of each of these ${texts.length} texts? Answer with one line per text, "<number>: <category>", where the category is exactly one of: ${classes}.\n\n${rows}`;
}

/**
 * Class index per row of a batch answer (-1 where a line is missing or names no single class).
 * Lines look like `3: spam`, `3. spam` or `3) spam`; a one-row batch takes the whole answer.
 *
 * @example
 * parseBatchAnswer("1: spam\n2: ham", 2, ["ham", "spam"]); // Int32Array [1, 0]
 */
export function parseBatchAnswer(answer: string, rows: number, classNames: readonly string[]): Int32Array {
  const out = new Int32Array(rows).fill(-1);
  if (rows === 1) {
    out[0] = parseClassAnswer(answer, classNames);
    return out;
  }
  for (const line of answer.split(/\r?\n/)) {
    const m = /^\s*\**\s*(\d+)\s*[:.)\]-]\s*(.+)$/.exec(line);
    if (!m) continue;
    const at = Number(m[1]) - 1;
    if (at >= 0 && at < rows && out[at] === -1) out[at] = parseClassAnswer(m[2]!, classNames);
  }
  return out;
}
