import "server-only";
import { notFound } from "next/navigation";
import { getEnv } from "@/env";
import { authorizeProjectPage, authorizedProjectHeader, type ProjectRole } from "@/features/auth";

/** The bits of a project every project sub-page shows in its header, and the caller's role there (the navigation offers what it allows). */
export interface ProjectHeaderData {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly role: ProjectRole;
}

/**
 * The project's name and description with the caller's role; renders the 404 page for unknown ids.
 *
 * @example
 * const project = await getProjectHeader(projectId);
 */
export async function getProjectHeader(projectId: string): Promise<ProjectHeaderData> {
  getEnv();
  const { role } = await authorizeProjectPage(projectId, "read");
  // Read with the caller's membership (one query for both).
  const project = await authorizedProjectHeader(projectId);
  if (!project) notFound();
  return { ...project, role };
}
