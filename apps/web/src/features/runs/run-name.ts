import { diffRunPrograms, type RunProgramRef } from "@alchemist/engine";

const plural = (n: number, word: string) => `${n} program${n === 1 ? "" : "s"} ${word}`;

/**
 * A run's human name: its number in the project and what changed since the run before it
 * ("Run 4 · 2 programs edited, 1 added"), so runs are told apart without ids or timestamps.
 *
 * @example
 * runName(1, null, programs); // "Run 1 · 5 programs"
 * runName(4, previous, programs); // "Run 4 · 2 programs edited"
 */
export function runName(number: number, previous: readonly RunProgramRef[] | null, programs: readonly RunProgramRef[]): string {
  if (!previous) return `Run ${number} · ${programs.length} program${programs.length === 1 ? "" : "s"}`;
  const diff = diffRunPrograms(previous, programs, new Map());
  const parts = [
    diff.changed.length > 0 ? plural(diff.changed.length, "edited") : null,
    diff.added.length > 0 ? `${diff.added.length} added` : null,
    diff.removed.length > 0 ? `${diff.removed.length} removed` : null,
  ].filter((part): part is string => part !== null);
  // Only the first kind of change carries the word "program(s)": "2 programs edited, 1 added".
  if (parts.length === 0) return `Run ${number} · same programs`;
  if (!parts[0]!.includes("program")) parts[0] = parts[0]!.replace(/^(\d+) /, (_, n: string) => `${n} program${n === "1" ? "" : "s"} `);
  return `Run ${number} · ${parts.join(", ")}`;
}

/**
 * A trained model's human name: its number in the project and the run it was distilled from.
 *
 * @example
 * modelName(3, "Run 4 · 2 programs edited"); // "Model 3 · from Run 4"
 */
export function modelName(number: number, runLabel: string | null | undefined): string {
  const run = runLabel?.split(" · ")[0];
  return run ? `Model ${number} · from ${run}` : `Model ${number}`;
}
