import { getProjectHeader } from "@/features/shell";
import { ProjectHeader } from "@/features/shell/client";
import { StatusBadge } from "./status-badge";
import { listProjectJobs } from "../server/list-project-jobs";
import { formatDuration, isActive, jobDurationSeconds, queueLabel } from "../job-view";
import { LiveJobs } from "./live-jobs";
import { roleAllows } from "@alchemist/engine";
import { authorizeProjectPage } from "@/features/auth";

/**
 * `/projects/[projectId]/jobs`: live jobs on top (progress, stage, time left, Cancel; pushed by
 * server-sent events), then the history of the last 100 jobs with status, progress, how long
 * each waited and ran, and errors. The history re-renders when a live job ends.
 *
 * @example
 * <JobsPage projectId={projectId} />
 */
export async function JobsPage({ projectId }: { projectId: string }) {
  const project = await getProjectHeader(projectId);
  const [actor, jobs] = await Promise.all([authorizeProjectPage(projectId, "read"), listProjectJobs(projectId, 100)]);
  // The list holds every queued or running job, so it also says whether the page follows jobs live.
  const live = jobs.some(isActive);
  const now = Date.now();
  return (
    <article data-testid="jobs-page" className="space-y-6">
      <ProjectHeader project={project} current="jobs" title="Jobs" />
      <LiveJobs projectId={projectId} since={new Date(now).toISOString()} live={live} canCancel={roleAllows(actor.role, "edit")} />
      {jobs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No jobs yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table data-testid="jobs-table" className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Job</th>
                <th className="px-4 py-3">Status</th>
                <th className="px-4 py-3 text-right">Progress</th>
                <th className="px-4 py-3">Stage / error</th>
                <th className="px-4 py-3">Created (UTC)</th>
                <th className="px-4 py-3 text-right">Waited</th>
                <th className="px-4 py-3 text-right">Took</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {jobs.map((job) => {
                const took = jobDurationSeconds(job, now);
                const waited = job.startedAt ? (Date.parse(job.startedAt) - Date.parse(job.createdAt)) / 1000 : null;
                return (
                  <tr key={job.id} data-testid="job-row" data-queue={job.queue} data-job-status={job.status}>
                    <td className="px-4 py-3 font-medium">{queueLabel(job.queue)}</td>
                    <td className="px-4 py-3">
                      <StatusBadge status={job.status} />
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">{job.progress.toFixed(0)}%</td>
                    <td className={`max-w-md px-4 py-3 text-xs ${job.error ? "text-rose-700" : "text-slate-500"}`}>{job.error ?? job.stage ?? ""}</td>
                    <td className="px-4 py-3 font-mono text-xs text-slate-500">{job.createdAt.slice(0, 19).replace("T", " ")}</td>
                    <td className="px-4 py-3 text-right tabular-nums text-slate-500">{waited === null ? "" : formatDuration(Math.max(0, waited))}</td>
                    <td data-testid="job-took" className="px-4 py-3 text-right tabular-nums text-slate-500">
                      {took === null ? "" : `${formatDuration(took)}${job.finishedAt ? "" : " so far"}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
