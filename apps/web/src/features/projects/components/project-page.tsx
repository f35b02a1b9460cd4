import Link from "next/link";
import { notFound } from "next/navigation";
import { getProjectOverview } from "../server/get-project-overview";
import { DatasetSummary } from "./dataset-summary";
import { TaskClasses } from "./task-classes";
import { LabelSummary } from "./label-summary";
import { ProgramsTable } from "./programs-table";

/**
 * `/projects/[projectId]`: dataset, task classes and the programs with the latest run's LF analysis.
 * Unknown ids render the 404 page.
 *
 * @example
 * <ProjectPage projectId={projectId} />
 */
export async function ProjectPage({ projectId }: { projectId: string }) {
  const project = await getProjectOverview(projectId);
  if (!project) notFound();
  const classNames = project.tasks[0]?.classes.map((taskClass) => taskClass.name) ?? [];
  return (
    <article data-testid="project-page" className="space-y-8">
      <header>
        <Link href="/projects" className="text-sm text-slate-500 hover:text-slate-800">
          ← Projects
        </Link>
        <h1 data-testid="project-name" className="mt-2 text-2xl font-semibold tracking-tight">
          {project.name}
        </h1>
        {project.description && <p className="mt-1 max-w-3xl text-slate-600">{project.description}</p>}
      </header>
      <div className="grid gap-4 md:grid-cols-2">
        <DatasetSummary datasets={project.datasets} />
        <TaskClasses tasks={project.tasks} />
      </div>
      <section aria-labelledby="programs-heading" className="space-y-4">
        <div className="flex items-baseline justify-between">
          <h2 id="programs-heading" className="text-lg font-semibold">
            Labeling programs
          </h2>
          {project.latestRun && (
            <p data-testid="latest-run" className="text-xs text-slate-500">
              Analysis of run <code>{project.latestRun.id}</code>,{" "}
              {(project.latestRun.finishedAt ?? project.latestRun.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC
            </p>
          )}
        </div>
        {project.latestRun ? (
          <>
            <LabelSummary summary={project.latestRun.analysis.summary} />
            <ProgramsTable programs={project.programs} analysis={project.latestRun.analysis} classNames={classNames} />
          </>
        ) : (
          <div data-testid="no-run" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
            <p className="font-medium text-slate-800">No analysis yet</p>
            <p className="mt-1 text-sm">
              {project.programs.length} program{project.programs.length === 1 ? "" : "s"} defined. Coverage, overlaps and
              conflicts appear here after the first successful run.
            </p>
          </div>
        )}
      </section>
    </article>
  );
}
