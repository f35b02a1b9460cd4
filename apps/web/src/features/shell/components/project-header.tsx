import Link from "next/link";
import { ProjectSettingsNav, ProjectWorkflowNav } from "./project-nav";
import type { ProjectHeaderData } from "../server/get-project-header";

/** The tab a page used to name; the navigation now reads the active one from the URL. */
export type ProjectTab = string;

/**
 * Breadcrumb, project name, the administration links and the workflow navigation, shared by
 * every project page. The active step comes from the URL (`usePathname`), so `current` is only
 * kept for the pages that still pass it.
 *
 * @example
 * <ProjectHeader project={project} title="Task" />
 */
export function ProjectHeader({ project, title }: { project: ProjectHeaderData; current?: ProjectTab; title?: string }) {
  return (
    <header className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/projects" prefetch={false} className="text-sm text-slate-500 hover:text-slate-800">
            ← Projects
          </Link>
          <h1 data-testid="project-name" className="mt-2 text-2xl font-semibold tracking-tight">
            {project.name}
          </h1>
          {project.description && <p className="mt-1 max-w-3xl text-slate-600">{project.description}</p>}
        </div>
        <ProjectSettingsNav projectId={project.id} role={project.role} />
      </div>
      <ProjectWorkflowNav projectId={project.id} role={project.role} />
      {title && <h2 className="text-lg font-semibold">{title}</h2>}
    </header>
  );
}
