import "server-only";
import { z } from "zod";
import { getPrisma, readProjectOverview } from "@alchemist/db";
import { getEnv } from "@/env";
import { authorizeProjectPage } from "@/features/auth";
import { readProjectRunData, type ProjectRunData } from "./project-run-data";

const classesSchema = z.array(z.object({ name: z.string(), description: z.string().default("") }));

/** Everything the project page shows, read in one request. */
export interface ProjectOverview {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly datasets: readonly { id: string; name: string; rowCount: number; splits: Record<string, number> }[];
  readonly tasks: readonly { id: string; name: string; description: string; classes: { name: string; description: string }[]; multiLabel: boolean }[];
  readonly programs: readonly { id: string; name: string; enabled: boolean; language: string | null; version: number | null }[];
  readonly latestRun: ProjectRunData["latestRun"];
  /** Whether a model was ever distilled (the "next step" hint moves on to delivering). */
  readonly hasTrainedModel: boolean;
  /** Whether a job was queued or running when the page was read (live updates only then). */
  readonly hasActiveJobs: boolean;
}

// Rows are only ever added by an import (which sets rowCount when it finishes) and a row's split
// never changes afterwards, so a dataset's split counts are fixed once they add up to its rowCount.
// Counting them is a scan of every row (100k at scale), so each process counts a dataset once.
const splitCountCache = new Map<string, Readonly<Record<string, number>>>();
const SPLIT_CACHE_MAX = 1000;

async function splitCounts(datasetId: string, rowCount: number): Promise<Record<string, number>> {
  const key = `${datasetId}:${rowCount}`;
  const cached = splitCountCache.get(key);
  if (cached) return { ...cached };
  const groups = await getPrisma().row.groupBy({ by: ["split"], where: { datasetId }, _count: { _all: true } });
  const counts = Object.fromEntries(groups.map((entry) => [entry.split, entry._count._all]));
  // An import still running has written rows its rowCount does not count yet: not final, not kept.
  if (rowCount > 0 && groups.reduce((sum, entry) => sum + entry._count._all, 0) === rowCount) {
    if (splitCountCache.size >= SPLIT_CACHE_MAX) splitCountCache.delete(splitCountCache.keys().next().value!);
    splitCountCache.set(key, counts);
  }
  return { ...counts };
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
  // One query for the project and its datasets, tasks and programs (with each latest version's
  // language and number, never its source), and one for the run data's stamp (the run data
  // itself is read again only when the stamp changed).
  const [project, runData] = await Promise.all([readProjectOverview(prisma, projectId), readProjectRunData(prisma, projectId)]);
  if (!project) return null;
  const splits = await Promise.all(project.datasets.map((dataset) => splitCounts(dataset.id, dataset.rowCount)));
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    datasets: project.datasets.map((dataset, i) => ({
      id: dataset.id,
      name: dataset.name,
      rowCount: dataset.rowCount,
      splits: splits[i]!,
    })),
    tasks: project.tasks.map((task) => ({
      id: task.id,
      name: task.name,
      description: task.description,
      classes: classesSchema.parse(task.classes),
      multiLabel: task.multiLabel === true,
    })),
    programs: project.programs.map((program) => ({
      id: program.id,
      name: program.name,
      enabled: program.enabled,
      language: program.language,
      version: program.version,
    })),
    latestRun: runData.latestRun,
    hasTrainedModel: runData.hasTrainedModel,
    hasActiveJobs: runData.hasActiveJobs,
  };
}
