"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import type { JobView } from "../job-view";
import { isActive } from "../job-view";
import { ProgressBar } from "./progress-bar";
import { useProjectJobs } from "./use-project-jobs";

/**
 * "Computing…" for data a page reads once a job has stored it (review orders, run diffs): the
 * job's live progress (server-sent events, polling as a fallback), and a server re-render of the
 * page as soon as it has succeeded (or a button for it, `autoRefresh={false}`, where the page
 * already shows an older result someone may be working through). A failed job stays shown with its error.
 *
 * @example
 * <DerivedJobProgress projectId={projectId} initial={pending.job} what="Ordering the rows by conflict" />
 */
export function DerivedJobProgress({
  projectId,
  initial,
  what,
  autoRefresh = true,
}: {
  projectId: string;
  initial: JobView;
  what: string;
  autoRefresh?: boolean;
}) {
  const router = useRouter();
  const { jobs } = useProjectJobs(projectId, isActive(initial), initial.id);
  const job = jobs?.find((j) => j.id === initial.id) ?? initial;
  const refreshed = useRef(false);
  useEffect(() => {
    if (autoRefresh && job.status === "SUCCEEDED" && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [autoRefresh, job.status, router]);
  return (
    <div data-testid="derived-job" data-job-status={job.status} className="space-y-2">
      <p className="text-sm text-slate-600">{job.status === "FAILED" || job.status === "CANCELLED" ? `${what} stopped.` : `${what}…`}</p>
      <ProgressBar job={job} />
      {!autoRefresh && job.status === "SUCCEEDED" && (
        <button type="button" data-testid="derived-job-show" onClick={() => router.refresh()} className="btn-secondary">
          Show the updated result
        </button>
      )}
    </div>
  );
}
