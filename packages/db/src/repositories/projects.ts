import type { RunSettings } from "@alchemist/engine";
import type { Db } from "../client";

/**
 * Creates a project.
 *
 * @example
 * const project = await createProject(prisma, { name: "SMS spam" });
 */
export async function createProject(db: Db, input: { name: string; description?: string }) {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new Error(`project name must be 1-200 characters, got ${name.length}`);
  return db.project.create({ data: { name, description: input.description ?? "" } });
}

/**
 * The stored settings new runs of the project start with (parse with the engine's
 * `parseRunSettings`; null means the defaults).
 *
 * @example
 * const settings = parseRunSettings(await getProjectRunSettings(prisma, projectId));
 */
export async function getProjectRunSettings(db: Db, projectId: string): Promise<unknown> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { runSettings: true } });
  if (!project) throw new Error(`project ${projectId} does not exist`);
  return project.runSettings;
}

/**
 * Stores the settings new runs start with (already parsed by `runSettingsSchema`). Existing runs
 * keep the copy they were created with.
 *
 * @example
 * await setProjectRunSettings(prisma, projectId, parseRunSettings({ seed: 7 }));
 */
export async function setProjectRunSettings(db: Db, projectId: string, settings: RunSettings): Promise<void> {
  await db.project.update({ where: { id: projectId }, data: { runSettings: { ...settings } } });
}
