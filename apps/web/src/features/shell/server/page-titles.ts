import "server-only";
import { findProjectDatasetName, findProjectProgramName, getPrisma } from "@alchemist/db";
import { authorizedProjectHeader } from "@/features/auth";

/**
 * The title of a program's page: its name (the project layout adds " · <project> · Alchemist
 * Studio"). Only a member learns it; others get "Program" (their page renders the 404).
 *
 * @example
 * export const generateMetadata = async ({ params }) => ({ title: await programTitle(projectId, programId) });
 */
export async function programTitle(projectId: string, programId: string): Promise<string> {
  if (!(await authorizedProjectHeader(projectId).catch(() => null))) return "Program";
  return (await findProjectProgramName(getPrisma(), projectId, programId)) ?? "Program";
}

/**
 * The title of a dataset's rows page: its name, for members only.
 *
 * @example
 * export const generateMetadata = async ({ params }) => ({ title: await datasetTitle(projectId, datasetId) });
 */
export async function datasetTitle(projectId: string, datasetId: string): Promise<string> {
  if (!(await authorizedProjectHeader(projectId).catch(() => null))) return "Dataset";
  const name = await findProjectDatasetName(getPrisma(), projectId, datasetId);
  return name === null ? "Dataset" : `${name} · rows`;
}
