import Link from "next/link";
import { formatCount } from "@/lib/format-count";
import { listProjects } from "../server/list-projects";
import { StatusBadge } from "@/features/jobs/client";
import { NewProjectForm } from "./new-project-form";

/**
 * `/projects`: every project with its dataset size, program count and last run status.
 *
 * @example
 * export default ProjectsPage; // in app/projects/page.tsx
 */
export async function ProjectsPage() {
  const projects = await listProjects();
  return (
    <section>
      <h1 className="text-2xl font-semibold tracking-tight">Projects</h1>
      <p className="mt-1 text-sm text-slate-600">Datasets, labeling programs and their latest analysis.</p>
      <NewProjectForm />
      {projects.length === 0 ? (
        <p data-testid="projects-empty" className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No projects yet. Create one above, or run <code className="rounded bg-slate-100 px-1">npm run seed -w @alchemist/db</code> for the demo project.
        </p>
      ) : (
        <div className="mt-6 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          <table data-testid="projects-table" className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Project</th>
                <th className="px-4 py-3 text-right">Rows</th>
                <th className="px-4 py-3 text-right">Programs</th>
                <th className="px-4 py-3">Last run</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {projects.map((project) => (
                <tr key={project.id} data-testid="project-row" className="hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <Link href={`/projects/${project.id}`} className="font-medium text-indigo-700 hover:underline">
                      {project.name}
                    </Link>
                    {project.description && <p className="mt-0.5 text-slate-500">{project.description}</p>}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatCount(project.rowCount)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatCount(project.programCount)}</td>
                  <td className="px-4 py-3">
                    <StatusBadge status={project.lastRunStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
