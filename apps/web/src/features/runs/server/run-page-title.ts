import "server-only";
import { authorizedProjectHeader } from "@/features/auth";
import { readRunNames } from "./read-run-names";

const short = (name: string | undefined) => name?.split(" · ")[0];

/**
 * The title of a page about one run, one model or a pair of runs: the page's name and their human
 * names ("Analysis · Run 4 · 2 programs edited"; the project layout adds " · <project> · Alchemist
 * Studio"). Only a member learns the names; others, and ids the project does not have, get the
 * page's name alone.
 *
 * @example
 * export const generateMetadata = async ({ params, searchParams }) => ({ title: await runPageTitle(projectId, "Analysis", { runId }) });
 */
export async function runPageTitle(
  projectId: string,
  page: string,
  ids: { readonly runId?: string | undefined; readonly modelId?: string | undefined; readonly compare?: readonly [string, string] | undefined },
): Promise<string> {
  if (!ids.runId && !ids.modelId && !ids.compare) return page;
  if (!(await authorizedProjectHeader(projectId).catch(() => null))) return page;
  const names = await readRunNames(projectId);
  if (ids.modelId && names.models.has(ids.modelId)) return `${page} · ${names.models.get(ids.modelId)}`;
  if (ids.compare) {
    const [a, b] = [short(names.runs.get(ids.compare[0])), short(names.runs.get(ids.compare[1]))];
    return a && b ? `${page}: ${a} and ${b}` : page;
  }
  if (ids.runId && names.runs.has(ids.runId)) return `${page} · ${names.runs.get(ids.runId)}`;
  return page;
}
