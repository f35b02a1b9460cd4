import "server-only";
import { getPrisma } from "@alchemist/db";
import { requireUserPage } from "@/features/auth";
import { getEnv } from "@/env";

/** One line of the projects index. */
export interface ProjectListItem {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly rowCount: number;
  readonly programCount: number;
  readonly lastRunStatus: string | null;
}

/**
 * Lists the signed-in user's projects, newest first, with dataset size, program count and the latest run's status.
 *
 * @example
 * const projects = await listProjects();
 */
export async function listProjects(): Promise<ProjectListItem[]> {
  getEnv();
  const { userId } = await requireUserPage();
  const projects = await getPrisma().project.findMany({
    where: { memberships: { some: { userId } } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      description: true,
      datasets: { select: { rowCount: true } },
      runs: { select: { status: true }, orderBy: { createdAt: "desc" }, take: 1 },
      _count: { select: { programs: true } },
    },
  });
  return projects.map((project) => ({
    id: project.id,
    name: project.name,
    description: project.description,
    rowCount: project.datasets.reduce((sum, dataset) => sum + dataset.rowCount, 0),
    programCount: project._count.programs,
    lastRunStatus: project.runs[0]?.status ?? null,
  }));
}
