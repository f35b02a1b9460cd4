"use client";

import { ProgressBar, useProjectJobs, mergeJobViews, type JobView } from "@/features/jobs/client";

const size = (bytes: unknown) =>
  typeof bytes === "number" ? (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`) : "";

/**
 * The project's exports as the server read them (`initial`), followed live through the jobs
 * stream while one is queued or running (`live`): progress, the error when one fails, and the
 * download link once done; a Cancel button on running ones for `canCancel` members (editors,
 * owners: the roles the server lets cancel jobs).
 *
 * @example
 * <ExportList projectId={projectId} initial={exports} live={exports.some(isActive)} since={renderedAt} canCancel />
 */
export function ExportList({
  projectId,
  initial,
  live,
  since,
  canCancel,
}: {
  projectId: string;
  initial: readonly JobView[];
  live: boolean;
  since: string;
  canCancel: boolean;
}) {
  const streamed = useProjectJobs(projectId, live, since).jobs ?? [];
  // A streamed job older than the server's copy (the page re-rendered after it) must not win.
  const fresher = streamed.filter((j) => {
    const server = initial.find((i) => i.id === j.id);
    return !server || (j.updatedAt ?? "") >= (server.updatedAt ?? "");
  });
  const jobs = mergeJobViews(initial, fresher).filter((j) => j.queue === "export");
  if (jobs.length === 0)
    return (
      <p data-testid="no-exports" className="text-sm text-slate-500">
        No exports yet.
      </p>
    );
  return (
    <section className="space-y-3">
      <h3 className="font-semibold">Exports</h3>
      <ul data-testid="export-list" className="space-y-3">
        {jobs.map((job) => {
          const result = job.result ?? {};
          return (
            <li key={job.id} data-testid="export-item" data-status={job.status} className="space-y-2">
              <ProgressBar job={job} {...(canCancel ? { projectId } : {})} />
              {job.status === "SUCCEEDED" && typeof result.exportId === "string" && (
                <p className="text-sm">
                  <a
                    data-testid="export-download"
                    href={`/api/projects/${projectId}/exports/${result.exportId}`}
                    download
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    Download {String(result.downloadName ?? "")}
                  </a>{" "}
                  <span className="text-slate-500">
                    · {size(result.bytes)} · {String(result.items ?? "")}{" "}
                    {result.format === "programs-zip" ? "programs" : result.format === "onnx" ? "model" : "rows"}
                  </span>
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
