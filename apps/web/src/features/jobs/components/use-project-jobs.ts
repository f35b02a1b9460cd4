"use client";

import { useEffect, useState } from "react";
import { isActive, mergeJobViews, type JobView } from "../job-view";

/** What `useProjectJobs` gives a component: the jobs it last heard of, and whether it still listens. */
export interface ProjectJobsState {
  /** The project's newest jobs (and every queued or running one), newest first; null before the first answer. */
  readonly jobs: JobView[] | null;
  /** True once the stream has ended because no job of the project was queued or running (or `live` is off). */
  readonly idle: boolean;
}

/**
 * The one way a page follows job progress: the server-sent events of
 * `/api/projects/:id/jobs/stream` (a full list, then only changed jobs), falling back to polling
 * `/api/projects/:id/jobs` every `intervalMs` when the stream cannot be used (no EventSource, an
 * error status, a proxy that drops it). Nothing is opened while `live` is false (the server saw
 * no queued or running job), and the stream is closed as soon as an answer shows none: an idle
 * page sends no requests. `restartKey` (the server render's time) opens it again after the page
 * re-rendered, so a page whose server still sees a job follows it again.
 *
 * @example
 * const { jobs, idle } = useProjectJobs(projectId, live, since);
 */
export function useProjectJobs(projectId: string, live: boolean, restartKey = "", intervalMs = 1000): ProjectJobsState {
  const [jobs, setJobs] = useState<JobView[] | null>(null);
  // The listening that ended idle, by key: state set from the stream's callbacks, never during render.
  const key = `${projectId}|${restartKey}`;
  const [endedKey, setEndedKey] = useState<string | null>(null);
  useEffect(() => {
    if (!live) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | null = null;
    let current: JobView[] | null = null;
    const close = () => {
      stopped = true;
      source?.close();
      source = null;
      clearTimeout(timer);
    };
    const receive = (next: JobView[]) => {
      current = next;
      setJobs(next);
      // Nothing left to follow: stop here, so the page goes quiet until it queues (or sees) another job.
      if (!next.some(isActive)) {
        close();
        setEndedKey(key);
      }
    };
    const poll = async () => {
      try {
        const response = await fetch(`/api/projects/${projectId}/jobs`, { cache: "no-store" });
        if (response.ok && !stopped) receive(((await response.json()) as { jobs: JobView[] }).jobs);
      } catch {
        // A missed poll is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(poll, intervalMs);
    };
    const fallBack = () => {
      source?.close();
      source = null;
      if (!stopped && timer === undefined) void poll();
    };
    if (typeof EventSource === "undefined") void poll();
    else {
      source = new EventSource(`/api/projects/${projectId}/jobs/stream`);
      let failures = 0;
      source.addEventListener("jobs", (event) => {
        failures = 0;
        const data = JSON.parse((event as MessageEvent<string>).data) as { full: boolean; jobs: JobView[] };
        receive(data.full ? mergeJobViews(null, data.jobs) : mergeJobViews(current, data.jobs));
      });
      source.onerror = () => {
        // CLOSED: an error status (the browser will not retry); repeated errors: the stream keeps breaking.
        failures += 1;
        if (source?.readyState === EventSource.CLOSED || failures >= 3) fallBack();
      };
    }
    return close;
  }, [projectId, live, key, intervalMs]);
  return { jobs, idle: !live || endedKey === key };
}
