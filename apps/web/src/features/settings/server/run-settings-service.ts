import "server-only";
import { z } from "zod";
import { parseRunSettings, runSettingsSchema, type RunSettings } from "@alchemist/engine";
import { getPrisma, getProjectRunSettings, recordAudit, setProjectRunSettings } from "@alchemist/db";

// Form fields arrive as text; an empty field means the default.
const numberField = z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : Number(v)), z.number().optional());

export const SaveRunSettingsInput = z.object({
  projectId: z.string().min(1).max(100),
  settings: z
    .object({
      seed: numberField,
      maxConsecutiveFaults: numberField,
      programBudgetMs: numberField,
      programBudgetPerRowMs: numberField,
      imageFeatures: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().optional()),
    })
    .pipe(runSettingsSchema),
});

/**
 * The settings the project's next runs start with (the defaults until someone saves them).
 *
 * @example
 * const settings = await getRunSettings(projectId);
 */
export async function getRunSettings(projectId: string): Promise<RunSettings> {
  return parseRunSettings(await getProjectRunSettings(getPrisma(), projectId));
}

/**
 * Stores the settings new runs start with, audited as `settings.runs` with the new values.
 * Runs already started keep theirs.
 *
 * @example
 * await saveRunSettings({ projectId, settings: { seed: 7, maxConsecutiveFaults: 3, programBudgetMs: 10000, programBudgetPerRowMs: 1 } }, actor.userId);
 */
export async function saveRunSettings(input: z.infer<typeof SaveRunSettingsInput>, actorId: string): Promise<RunSettings> {
  const db = getPrisma();
  await setProjectRunSettings(db, input.projectId, input.settings);
  await recordAudit(db, {
    projectId: input.projectId,
    actorId,
    action: "settings.runs",
    targetType: "project",
    targetId: input.projectId,
    details: { ...input.settings },
  });
  return input.settings;
}
