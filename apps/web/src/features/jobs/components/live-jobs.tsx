"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { isActive } from "../job-view";
import { ProgressBar } from "./progress-bar";
import { useProjectJobs } from "./use-project-jobs";

/**
 * The project's running jobs with live progress (server-sent events, polling as a fallback), time
 * left and (`canCancel`: editors and owners, whom the server lets cancel) a Cancel button; when one finishes the page re-renders on the
 * server (fresh analysis), and a job that failed since the page loaded stays shown with its error.
 *
 * @example
 * <LiveJobs projectId={project.id} since={new Date().toISOString()} canCancel={roleAllows(actor.role, "edit")} />
 */
export function LiveJobs({ projectId, since, canCancel }: { projectId: string; since: string; canCancel: boolean }) {
  const router = useRouter();
  const jobs = useProjectJobs(projectId, true);
  const active = jobs?.filter(isActive) ?? [];
  // Refresh when any job finished after this render: a fast job can start and end between two
  // polls, so watching only the active set would miss it.
  const lastFinish = (jobs ?? []).reduce((latest, j) => (j.finishedAt && j.finishedAt > latest ? j.finishedAt : latest), since);
  const refreshedFor = useRef(since);
  useEffect(() => {
    if (lastFinish > refreshedFor.current) {
      refreshedFor.current = lastFinish;
      router.refresh();
    }
  }, [lastFinish, router]);
  const recentFailures = (jobs ?? []).filter((j) => j.status === "FAILED" && j.finishedAt && j.finishedAt > since).slice(0, 1);
  if (active.length === 0 && recentFailures.length === 0) return null;
  return (
    <div data-testid="live-jobs" className="space-y-2">
      {[...active, ...recentFailures].map((job) => <ProgressBar key={job.id} job={job} {...(canCancel ? { projectId } : {})} />)}
    </div>
  );
}
