import "server-only";
import { notFound } from "next/navigation";
import { getEnv } from "@/env";
import { authorizeProjectPage, authorizedProjectHeader } from "@/features/auth/server/authorize";

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
  // Read with the caller's membership (one query for both).
  const project = await authorizedProjectHeader(projectId);
  if (!project) notFound();
  return project;
}
