import { z } from "zod";
import type { ProgramLimits } from "../core/program";
import { EngineError } from "../errors/engine-error";

/** The runner's default budget (see ProgramLimits): what a run gets when nobody set one. */
export const DEFAULT_RUN_SETTINGS = {
  seed: 0,
  maxConsecutiveFaults: 3,
  programBudgetMs: 10_000,
  programBudgetPerRowMs: 1,
  imageFeatures: "embeddings",
} as const;

// Bounds a person can mean: a day of budget, a second per row, a thousand faults in a row.
const MAX_BUDGET_MS = 86_400_000;
const MAX_PER_ROW_MS = 1_000;
const MAX_CONSECUTIVE_FAULTS = 1_000;

/**
 * A run's settings, stored as JSON on the project (what new runs start with) and copied onto each
 * run when it is created, so a run's numbers never change when the project's settings do. The
 * studio's settings form writes it; the worker reads it for the runner's budgets and the label
 * model's seed. `maxConsecutiveFaults: 0` turns the breaker off. `imageFeatures` is what the
 * distilled model of an image project reads (CLIP embeddings, concept scores or both; the CLI's
 * `--features`); text projects ignore it.
 */
export const runSettingsSchema = z.strictObject({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(DEFAULT_RUN_SETTINGS.seed),
  maxConsecutiveFaults: z.number().int().min(0).max(MAX_CONSECUTIVE_FAULTS).default(DEFAULT_RUN_SETTINGS.maxConsecutiveFaults),
  programBudgetMs: z.number().int().min(100).max(MAX_BUDGET_MS).default(DEFAULT_RUN_SETTINGS.programBudgetMs),
  programBudgetPerRowMs: z.number().min(0).max(MAX_PER_ROW_MS).default(DEFAULT_RUN_SETTINGS.programBudgetPerRowMs),
  imageFeatures: z.enum(["embeddings", "scores", "both"]).default(DEFAULT_RUN_SETTINGS.imageFeatures),
});

export type RunSettings = z.output<typeof runSettingsSchema>;

/**
 * Reads stored run settings; null (never set) gives the defaults. Anything else that does not
 * match the schema is an INVALID_ARGUMENT error naming the field.
 *
 * @example
 * parseRunSettings(null).seed; // 0
 * parseRunSettings({ maxConsecutiveFaults: 1 }).programBudgetMs; // 10000
 */
export function parseRunSettings(stored: unknown): RunSettings {
  const parsed = runSettingsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join(".") : "settings";
  throw new EngineError("INVALID_ARGUMENT", `run settings: ${where}: ${issue?.message ?? "invalid"}; fix them on the project's settings page`);
}

/**
 * The runner's limits for a run's settings.
 *
 * @example
 * runSettingsLimits(parseRunSettings({ maxConsecutiveFaults: 1 })); // { maxConsecutiveFaults: 1, budgetBaseMs: 10000, budgetPerRowMs: 1 }
 */
export function runSettingsLimits(settings: RunSettings): ProgramLimits {
  return { maxConsecutiveFaults: settings.maxConsecutiveFaults, budgetBaseMs: settings.programBudgetMs, budgetPerRowMs: settings.programBudgetPerRowMs };
}
