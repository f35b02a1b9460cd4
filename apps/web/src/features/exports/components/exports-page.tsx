import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { roleAllows } from "@alchemist/engine";
import { authorizeProjectPage } from "@/features/auth";
import { getExportableRuns } from "../server/get-exports-page";
import { ExportForm } from "./export-form";
import { ExportList } from "./export-list";
import { listProjectJobs } from "@/features/jobs";
import { isActive } from "@/features/jobs/client";

/**
 * `/projects/[projectId]/exports`: pick a run and a format, start the export job, follow its
 * progress, and download finished exports.
 *
 * @example
 * <ExportsPage projectId={projectId} />
 */
export async function ExportsPage({ projectId }: { projectId: string }) {
  const actor = await authorizeProjectPage(projectId, "read");
  const [project, runs, jobs] = await Promise.all([getProjectHeader(projectId), getExportableRuns(projectId), listProjectJobs(projectId, 50)]);
  const exports = jobs.filter((job) => job.queue === "export");
  return (
    <article data-testid="exports-page" className="space-y-6">
      <ProjectHeader project={project} current="exports" title="Exports" />
      <p className="max-w-3xl text-sm text-slate-600">
        Labels come from a run&apos;s label model: every row with its label, confidence and per-class probabilities, as CSV (cells that a spreadsheet would run
        as formulas are prefixed with <code>&apos;</code>), JSON Lines, or Label Studio tasks with predictions. Programs export as a zip of source files with a
        manifest; the distilled model as ONNX. Exports run in the worker and end as a download link.
      </p>
      {runs.length === 0 ? (
        <p data-testid="no-runs" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">
          No runs yet: apply programs to a dataset first.
        </p>
      ) : (
        <ExportForm projectId={projectId} runs={runs} />
      )}
      <ExportList
        projectId={projectId}
        initial={exports}
        live={exports.some(isActive)}
        since={new Date().toISOString()}
        canCancel={roleAllows(actor.role, "edit")}
      />
    </article>
  );
}
