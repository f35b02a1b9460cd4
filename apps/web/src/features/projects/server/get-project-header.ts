import "server-only";
import { notFound } from "next/navigation";
import { getPrisma } from "@alchemist/db";
import { getEnv } from "@/env";
import { authorizeProjectPage } from "@/features/auth/server/authorize";

/** The bits of a project every project sub-page shows in its header. */
export interface ProjectHeaderData {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

/**
 * The project's name and description; renders the 404 page for unknown ids.
 *
 * @example
 * const project = await getProjectHeader(projectId);
 */
export async function getProjectHeader(projectId: string): Promise<ProjectHeaderData> {
  getEnv();
  await authorizeProjectPage(projectId, "read");
  const project = await getPrisma().project.findUnique({ where: { id: projectId }, select: { id: true, name: true, description: true } });
  if (!project) notFound();
  return project;
}
