import "server-only";
import { getPrisma, listProjectsForUser } from "@alchemist/db";

/** One project as `GET /api/projects` lists it. */
export interface MyProject {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly role: string;
  readonly createdAt: string;
}

/**
 * The user's projects with their role, newest first (the REST API's and CLI's project list).
 *
 * @example
 * const projects = await listMyProjects(userId);
 */
export async function listMyProjects(userId: string): Promise<MyProject[]> {
  const projects = await listProjectsForUser(getPrisma(), userId);
  return projects.map((p) => ({ id: p.id, name: p.name, description: p.description, role: p.role, createdAt: p.createdAt.toISOString() }));
}
