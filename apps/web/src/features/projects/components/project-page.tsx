import Link from "next/link";
import { notFound } from "next/navigation";
import { ApplyButton, LiveJobs } from "@/features/jobs/client";
import { ProjectHeader } from "@/features/shell/client";
import { getProjectOverview } from "../server/get-project-overview";
import { DatasetSummary } from "./dataset-summary";
import { TaskClasses } from "./task-classes";
import { LabelSummary } from "./label-summary";
import { ProgramsTable, parseProgramTableQuery } from "@/features/programs/client";
import { nextStep } from "../next-step";
import { NextStepHint } from "./next-step-hint";
import { classSetNames, roleAllows } from "@alchemist/engine";
import { authorizeProjectPage } from "@/features/auth";
import { RoleNote } from "@/features/auth/client";
import { getPruneFlags } from "@/features/rounds";

/**
 * `/projects/[projectId]`: dataset, task classes and the programs with the latest run's LF analysis.
 * Unknown ids render the 404 page.
 *
 * @example
 * <ProjectPage projectId={projectId} />
 */
export async function ProjectPage({ projectId, searchParams = {} }: { projectId: string; searchParams?: Record<string, string | string[] | undefined> }) {
  const query = parseProgramTableQuery(searchParams);
  const project = await getProjectOverview(projectId);
  if (!project) notFound();
  const actor = await authorizeProjectPage(projectId, "read");
  const canEdit = roleAllows(actor.role, "edit");
  const pruneFlags = await getPruneFlags(projectId);
  const taskClasses = project.tasks[0]?.classes.map((taskClass) => taskClass.name) ?? [];
  // A multi-label run's program polarity lists the class sets it voted (vote codes are bitmasks).
  const classNames = project.tasks[0]?.multiLabel ? classSetNames(taskClasses) : taskClasses;
  return (
    <article data-testid="project-page" className="space-y-8">
      <ProjectHeader project={{ ...project, role: actor.role }} current="overview" />
      {/* The steps are editors' work (import, task, programs, apply, train); others get no to-do. */}
      {canEdit && (
        <NextStepHint
          projectId={project.id}
          step={nextStep({
            datasets: project.datasets.length,
            classes: taskClasses.length,
            programs: project.programs.length,
            hasRun: project.latestRun !== null,
            hasTrainedModel: project.hasTrainedModel,
          })}
        />
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <DatasetSummary datasets={project.datasets} projectId={project.id} canImport={canEdit} />
        <TaskClasses tasks={project.tasks} projectId={project.id} canEdit={canEdit} />
      </div>
      <section aria-labelledby="programs-heading" className="space-y-4">
        <div className="flex items-baseline justify-between">
          <h2 id="programs-heading" className="text-lg font-semibold">
            Labeling programs
          </h2>
          {canEdit && (
            <div className="flex items-start gap-2">
              <Link href={`/projects/${project.id}/programs/new`} data-testid="new-program" className="btn-secondary">
                New program
              </Link>
              <ApplyButton projectId={project.id} />
            </div>
          )}
        </div>
        {!canEdit && <RoleNote role={actor.role} need="edit" what="Writing, switching and applying programs" />}
        {project.latestRun && (
          <p data-testid="latest-run" className="text-xs text-slate-500">
            Analysis of{" "}
            <span className="font-medium text-slate-700" title={project.latestRun.id}>
              {project.latestRun.name}
            </span>
            , finished {(project.latestRun.finishedAt ?? project.latestRun.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC
          </p>
        )}
        <LiveJobs projectId={project.id} since={new Date().toISOString()} canCancel={canEdit} live={project.hasActiveJobs} />
        {project.latestRun ? (
          <>
            <LabelSummary summary={project.latestRun.analysis.summary} />
            <ProgramsTable
              programs={project.programs}
              analysis={project.latestRun.analysis}
              classNames={classNames}
              projectId={project.id}
              query={query}
              canEdit={canEdit}
              pruneFlags={pruneFlags}
            />
          </>
        ) : (
          <div data-testid="no-run" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
            <p className="font-medium text-slate-800">No analysis yet</p>
            <p className="mt-1 text-sm">
              {project.programs.length} program{project.programs.length === 1 ? "" : "s"} defined. Coverage, overlaps and conflicts appear here after the first
              successful run.
            </p>
          </div>
        )}
        {!project.latestRun && project.programs.length > 0 && (
          <ProgramsTable
            programs={project.programs}
            analysis={{ summary: { coverage: 0, overlap: 0, conflict: 0 }, programs: [] }}
            classNames={classNames}
            projectId={project.id}
            query={query}
            canEdit={canEdit}
            pruneFlags={pruneFlags}
          />
        )}
      </section>
    </article>
  );
}
