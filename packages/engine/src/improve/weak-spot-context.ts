import type { DataRow } from "../core/dataset";
import type { TaskSpec } from "../core/task";
import { programInput } from "../datasets/program-input";
import type { SupplementaryItem } from "../prompts/supplementary-info";
import { seededShuffle } from "../random/seeded-shuffle";
import type { WeakSpots } from "./find-weak-spots";

/** What one program of a round is asked to fix. */
export type WeakSpotFocus = "uncovered" | "dev-errors" | "weak-class" | "uncertain";

/** The prompt context aimed at one weak spot, and the rows it shows. */
export interface FocusedContext {
  readonly focus: WeakSpotFocus;
  readonly items: readonly SupplementaryItem[];
  /** Rows quoted in the prompt (train and dev only). */
  readonly rows: readonly number[];
}

/** A correction a reviewer made to a dev row's label: it is shown as an exemplar of its class. */
export interface LabelCorrection {
  readonly row: number;
  readonly label: number;
}

const clip = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
};

/**
 * Per program slot of a round, the context that aims it at one weak spot, rotating over the spots
 * found (uncovered rows, dev rows the label model gets wrong plus reviewers' corrections, a class
 * the programs rarely vote for, unsure or conflicting rows). The gap and the class are named ("These
 * 40 texts get no vote..."); the quoted rows are a seeded sample per slot. Only dev rows carry their
 * gold (seed sets are dev's to give); train rows are quoted without a label, test rows never.
 * Returns `undefined` when there is nothing weak to aim at.
 *
 * @example
 * const contextFor = weakSpotContext(spots, dataset.rows, task, { seed: 42 });
 * contextFor(0)?.items[0]?.title; // "Texts no current program labels (40 of 300)"
 */
export function weakSpotContext(
  spots: WeakSpots,
  rows: readonly DataRow[],
  task: TaskSpec,
  o: { seed: number; perPrompt?: number; maxChars?: number; corrections?: readonly LabelCorrection[] },
): ((slot: number) => FocusedContext) | undefined {
  const per = o.perPrompt ?? 8;
  const names = task.classes.map((c) => c.name);
  const text = (row: number): string => {
    const input = programInput(rows[row]!, task.input);
    return clip(typeof input === "string" ? input : JSON.stringify(input), o.maxChars ?? 300);
  };
  const corrections = (o.corrections ?? []).filter((c) => rows[c.row]?.split === "dev" && c.label >= 0 && c.label < names.length);
  const pick = <T>(list: readonly T[], slot: number): T[] => seededShuffle(list, o.seed + 7919 * slot).slice(0, per);
  const builders: ((slot: number) => FocusedContext)[] = [];
  if (spots.uncovered.length > 0) {
    builders.push((slot) => {
      const shown = pick(Array.from(spots.uncovered), slot);
      const body = `These ${spots.counts.uncovered} texts get no vote from any current program. Write a program that labels texts like these (still returning -1 where it cannot decide):\n${shown.map((r) => `- ${text(r)}`).join("\n")}`;
      return {
        focus: "uncovered",
        items: [
          {
            kind: "examples",
            title: `Texts no current program labels (${spots.counts.uncovered} of ${spots.rows})`,
            text: body,
            source: "weak-spots:uncovered",
          },
        ],
        rows: shown,
      };
    });
  }
  if (spots.devErrors.length > 0 || corrections.length > 0) {
    builders.push((slot) => {
      const errors = pick(spots.devErrors, slot);
      const lines = [
        ...errors.map((e) => `${names[e.gold]} (${e.gold}): ${text(e.row)}  [current programs: ${e.predicted < 0 ? "no vote" : names[e.predicted]}]`),
        ...corrections.slice(0, per).map((c) => `${names[c.label]} (${c.label}): ${text(c.row)}  [corrected by a reviewer]`),
      ];
      const body = `The current programs get these ${spots.counts.devErrors} labeled examples wrong; the correct class comes first. Write a program that gets cases like these right:\n${lines.join("\n")}`;
      return {
        focus: "dev-errors",
        items: [{ kind: "examples", title: "Examples the current programs get wrong", text: body, source: "weak-spots:dev-errors" }],
        rows: [...errors.map((e) => e.row), ...corrections.slice(0, per).map((c) => c.row)],
      };
    });
  }
  if (spots.weakClasses.length > 0) {
    builders.push((slot) => {
      const weak = spots.weakClasses[slot % spots.weakClasses.length]!;
      const devOfClass = rows.map((r, i) => (r.split === "dev" && r.gold === weak.class ? i : -1)).filter((i) => i >= 0);
      const shown = pick(devOfClass, slot);
      const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
      const body = `Class "${names[weak.class]}" (${weak.class}) gets a vote on only ${pct(weak.coveredShare)} of the texts, but about ${pct(weak.expectedShare)} of texts belong to it. Write a program that recognises ${names[weak.class]} texts.${shown.length ? `\nExamples of ${names[weak.class]}:\n${shown.map((r) => `- ${text(r)}`).join("\n")}` : ""}`;
      return {
        focus: "weak-class",
        items: [{ kind: "examples", title: `A class the programs miss: ${names[weak.class]}`, text: body, source: `weak-spots:class-${weak.class}` }],
        rows: shown,
      };
    });
  }
  const unsure = [...new Set([...spots.uncertain, ...spots.conflicted])];
  if (unsure.length > 0) {
    builders.push((slot) => {
      const shown = pick(unsure.slice(0, 100), slot);
      const body = `The current programs disagree or are unsure about these texts (${spots.counts.uncertain} unsure, ${spots.counts.conflicted} with conflicting votes). Write a program that decides texts like these correctly:\n${shown.map((r) => `- ${text(r)}`).join("\n")}`;
      return {
        focus: "uncertain",
        items: [{ kind: "examples", title: "Texts the programs are unsure about", text: body, source: "weak-spots:uncertain" }],
        rows: shown,
      };
    });
  }
  if (builders.length === 0) return undefined;
  return (slot) => builders[slot % builders.length]!(slot);
}
