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
 * Projects, newest first, with how many datasets, programs and runs each has.
 *
 * @example
 * for (const p of await listProjects(prisma)) console.log(p.name, p._count.programs);
 */
export async function listProjects(db: Db) {
  return db.project.findMany({
    orderBy: { createdAt: "desc" },
    include: { _count: { select: { datasets: true, programs: true, runs: true, tasks: true } } },
  });
}

/**
 * One project with its datasets and tasks, or null.
 *
 * @example
 * const project = await getProject(prisma, id);
 */
export async function getProject(db: Db, id: string) {
  return db.project.findUnique({
    where: { id },
    include: {
      datasets: { orderBy: { createdAt: "asc" } },
      tasks: { orderBy: { createdAt: "asc" } },
      _count: { select: { programs: true, runs: true } },
    },
  });
}

/** Deletes a project and everything in it (cascades). */
export async function deleteProject(db: Db, id: string): Promise<void> {
  await db.project.delete({ where: { id } });
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
