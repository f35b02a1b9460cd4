import { diffRunPrograms, parseRunSettings, type RunProgramRef, type RunSettings } from "@alchemist/engine";

/** What a run's name is computed from: its frozen program list, its settings copy and its dataset. */
export interface RunNameInput {
  readonly programs: readonly RunProgramRef[];
  /** `Run.settings` as stored (null: the defaults). */
  readonly settings?: unknown;
  readonly dataset?: { readonly id: string; readonly name: string };
}

/** What a trained model's name is computed from: its run and its stored config (`TrainedModel.config`). */
export interface ModelNameInput {
  readonly runId: string;
  readonly config: unknown;
}

// Labels and units of the run settings a name mentions; a setting added later is named by its key.
const SETTING_LABELS: Readonly<Record<string, readonly [string, (v: unknown) => string]>> = {
  seed: ["seed", String],
  maxConsecutiveFaults: ["fault limit", String],
  programBudgetMs: ["budget", (v) => `${Number(v) / 1000} s`],
  programBudgetPerRowMs: ["budget per row", (v) => `${String(v)} ms`],
  imageFeatures: ["features", String],
};

// Unreadable stored settings name nothing rather than break a page that only wants a label.
const settingsOf = (stored: unknown): RunSettings | null => {
  try {
    return parseRunSettings(stored);
  } catch {
    return null;
  }
};

const programWords = (n: number) => `${n} program${n === 1 ? "" : "s"}`;

/**
 * A run's human name: its number in the project and what changed since the run before it
 * (programs edited / added / removed, another dataset, changed run settings), so runs are told
 * apart without ids or timestamps.
 *
 * @example
 * runName(1, null, { programs }); // "Run 1 · 5 programs"
 * runName(4, previous, current); // "Run 4 · 2 programs edited, 1 added, seed 0 → 7"
 */
export function runName(number: number, previous: RunNameInput | null, current: RunNameInput): string {
  if (!previous) return `Run ${number} · ${programWords(current.programs.length)}`;
  const diff = diffRunPrograms(previous.programs, current.programs, new Map());
  const parts = [
    diff.changed.length > 0 ? `${programWords(diff.changed.length)} edited` : null,
    diff.added.length > 0 ? `${diff.added.length} added` : null,
    diff.removed.length > 0 ? `${diff.removed.length} removed` : null,
  ].filter((part): part is string => part !== null);
  // Only the first kind of change carries the word "program(s)": "2 programs edited, 1 added".
  if (parts.length > 0 && !parts[0]!.includes("program")) parts[0] = parts[0]!.replace(/^(\d+) /, (_, n: string) => `${programWords(Number(n))} `);
  if (current.dataset && previous.dataset && current.dataset.id !== previous.dataset.id) parts.push(`dataset ${current.dataset.name}`);
  const [before, after] = [settingsOf(previous.settings ?? null), settingsOf(current.settings ?? null)];
  if (before && after)
    for (const [key, value] of Object.entries(after)) {
      const was = (before as Record<string, unknown>)[key];
      if (was === value) continue;
      const [label, format] = SETTING_LABELS[key] ?? [key, String];
      parts.push(`${label} ${format(was)} → ${format(value)}`);
    }
  return `Run ${number} · ${parts.length === 0 ? "same programs" : parts.join(", ")}`;
}

/** The training settings a model's stored config names; fields it lacks (a model still queued) are left out. */
function modelSettings(config: unknown): Map<string, string> {
  const c = (config !== null && typeof config === "object" ? config : {}) as Record<string, unknown>;
  const out = new Map<string, string>();
  const num = (key: string, label: string) => typeof c[key] === "number" && out.set(label, String(c[key]));
  num("epochs", "epochs");
  if (Array.isArray(c.hidden) && c.hidden.every((h) => typeof h === "number")) out.set("hidden", c.hidden.join("×"));
  num("tfidfDimension", "TF-IDF width");
  num("seed", "seed");
  const f = c.featurizer;
  if (f !== null && typeof f === "object") {
    const { image, text, tabularColumns } = f as Record<string, unknown>;
    const imageFeatures = image !== null && typeof image === "object" ? (image as Record<string, unknown>).features : undefined;
    const kinds = image
      ? [typeof imageFeatures === "string" ? imageFeatures : "embeddings"]
      : [text ? "text" : null, typeof tabularColumns === "number" && tabularColumns > 0 ? "columns" : null];
    const features = kinds.filter((k): k is string => k !== null).join(" + ");
    if (features) out.set("features", features);
  }
  // A queued image model names the features it was asked for (the featurizer says what it read once trained).
  if (!out.has("features") && typeof c.imageFeatures === "string") out.set("features", c.imageFeatures);
  return out;
}

/**
 * A trained model's human name: its number in the project, the run it was distilled from, and what
 * changed since the model before it (training settings, the features it read), read from the
 * models' stored configs. A retrain of the same run with the same settings says so.
 *
 * @example
 * modelName(3, "Run 4 · 2 programs edited", { runId: "r4", config: { epochs: 50 } }, { runId: "r4", config: { epochs: 30 } });
 * // "Model 3 · from Run 4, epochs 30 → 50"
 */
export function modelName(number: number, runLabel: string | null | undefined, current?: ModelNameInput, previous?: ModelNameInput | null): string {
  const run = runLabel?.split(" · ")[0];
  const base = run ? `Model ${number} · from ${run}` : `Model ${number}`;
  if (!current || !previous) return base;
  const [before, after] = [modelSettings(previous.config), modelSettings(current.config)];
  const parts = [...after]
    .filter(([label, value]) => before.has(label) && before.get(label) !== value)
    .map(([label, value]) => `${label} ${before.get(label)} → ${value}`);
  if (parts.length === 0 && previous.runId === current.runId) parts.push("same run and settings");
  return parts.length === 0 ? base : `${base}, ${parts.join(", ")}`;
}
