"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { isActive } from "../job-view";
import { ProgressBar } from "./progress-bar";
import { useProjectJobs } from "./use-project-jobs";

/**
 * The project's running jobs with live progress, time left and (`canCancel`: editors and owners,
 * whom the server lets cancel) a Cancel button. `live` is the server's answer to "is a job of the
 * project queued or running?": only then is the jobs stream opened (`useProjectJobs`), and it is
 * closed when none is left, so an idle page sends nothing; the server action that queues a job
 * re-renders the page with `live` on. When a job finishes (or the stream ends idle) the page
 * re-renders once on the server (fresh data, `live` off); a job that failed since the page loaded
 * stays shown with its error.
 *
 * @example
 * <LiveJobs projectId={project.id} since={new Date().toISOString()} live={await projectHasActiveJobs(project.id)} canCancel={roleAllows(actor.role, "edit")} />
 */
export function LiveJobs({ projectId, since, canCancel, live }: { projectId: string; since: string; canCancel: boolean; live: boolean }) {
  const router = useRouter();
  const { jobs, idle } = useProjectJobs(projectId, live, since);
  const active = jobs?.filter(isActive) ?? [];
  // Refresh when any job finished after this render: a fast job can start and end between two
  // polls, so watching only the active set would miss it. Only real finish times count: with
  // `since` as the baseline, every refresh (a newer `since`) looked like a new finish, and an idle
  // page re-rendered itself every couple of seconds.
  const lastFinish = (jobs ?? []).reduce<string | null>(
    (latest, j) => (j.finishedAt && j.finishedAt > since && (latest === null || j.finishedAt > latest) ? j.finishedAt : latest),
    null,
  );
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    if (lastFinish !== null && (refreshedFor.current === null || lastFinish > refreshedFor.current)) {
      refreshedFor.current = lastFinish;
      router.refresh();
    }
  }, [lastFinish, router]);
  // The server saw a job but the stream found none active (it ended in between, before `since`):
  // one re-render shows what it produced and turns `live` off. Once per server render.
  const refreshedIdle = useRef<string | null>(null);
  useEffect(() => {
    if (live && idle && lastFinish === null && refreshedIdle.current !== since) {
      refreshedIdle.current = since;
      router.refresh();
    }
  }, [live, idle, lastFinish, since, router]);
  const recentFailures = (jobs ?? []).filter((j) => j.status === "FAILED" && j.finishedAt && j.finishedAt > since).slice(0, 1);
  if (active.length === 0 && recentFailures.length === 0) return null;
  return (
    <div data-testid="live-jobs" className="space-y-2">
      {[...active, ...recentFailures].map((job) => (
        <ProgressBar key={job.id} job={job} {...(canCancel ? { projectId } : {})} />
      ))}
    </div>
  );
}
