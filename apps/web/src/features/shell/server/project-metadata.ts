import "server-only";
import type { Metadata } from "next";
import { authorizedProjectHeader } from "@/features/auth";

/**
 * Titles for every page under a project: "<page> · <project> · Alchemist Studio", and
 * "<project> · Alchemist Studio" for the overview. The name comes from the caller's membership
 * lookup (memoised per request, so the page's own authorization reuses it); a non-member gets
 * "Project" and learns nothing, and the page itself then renders its 404.
 *
 * @example
 * export const generateMetadata = ({ params }) => params.then((p) => projectMetadata(p.projectId));
 */
export async function projectMetadata(projectId: string): Promise<Metadata> {
  const project = await authorizedProjectHeader(projectId).catch(() => null);
  const name = project?.name ?? "Project";
  return { title: { default: name, template: `%s · ${name} · Alchemist Studio` } };
}
