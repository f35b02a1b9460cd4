import "server-only";
import { z } from "zod";
import { getPrisma } from "@alchemist/db";
import { getEnv } from "@/env";
import { authorizeProjectPage } from "@/features/auth/server/authorize";
import { parseRunAnalysis, type RunAnalysis } from "../parse-run-analysis";

const classesSchema = z.array(z.object({ name: z.string(), description: z.string().default("") }));

/** Everything the project page shows, read in one request. */
export interface ProjectOverview {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly datasets: readonly { id: string; name: string; rowCount: number; splits: Record<string, number> }[];
  readonly tasks: readonly { id: string; name: string; description: string; classes: { name: string; description: string }[] }[];
  readonly programs: readonly { id: string; name: string; enabled: boolean; language: string | null; version: number | null }[];
  readonly latestRun: { id: string; createdAt: Date; finishedAt: Date | null; analysis: RunAnalysis } | null;
}

/**
 * Reads a project with its datasets (rows per split), task classes, programs and the analysis of
 * its latest successful run; `null` when the id is unknown.
 *
 * @example
 * const overview = await getProjectOverview(projectId);
 * if (!overview) notFound();
 */
export async function getProjectOverview(projectId: string): Promise<ProjectOverview | null> {
  getEnv();
  await authorizeProjectPage(projectId, "read");
  const prisma = getPrisma();
  const project = await prisma.project.findUnique({
    where: { id: projectId },
    include: {
      datasets: { orderBy: { createdAt: "asc" } },
      tasks: { orderBy: { createdAt: "asc" } },
      programs: { orderBy: { name: "asc" }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } },
    },
  });
  if (!project) return null;
  const [splitCounts, run] = await Promise.all([
    prisma.row.groupBy({ by: ["datasetId", "split"], where: { dataset: { projectId } }, _count: { _all: true } }),
    prisma.run.findFirst({
      where: { projectId, status: "SUCCEEDED" },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    datasets: project.datasets.map((dataset) => ({
      id: dataset.id,
      name: dataset.name,
      rowCount: dataset.rowCount,
      splits: Object.fromEntries(
        splitCounts.filter((entry) => entry.datasetId === dataset.id).map((entry) => [entry.split, entry._count._all]),
      ),
    })),
    tasks: project.tasks.map((task) => ({
      id: task.id,
      name: task.name,
      description: task.description,
      classes: classesSchema.parse(task.classes),
    })),
    programs: project.programs.map((program) => ({
      id: program.id,
      name: program.name,
      enabled: program.enabled,
      language: program.versions[0]?.language ?? null,
      version: program.versions[0]?.version ?? null,
    })),
    latestRun: run?.analysis
      ? { id: run.id, createdAt: run.createdAt, finishedAt: run.finishedAt, analysis: parseRunAnalysis(run.analysis, run.id) }
      : null,
  };
}
