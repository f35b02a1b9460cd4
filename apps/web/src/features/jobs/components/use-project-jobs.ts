"use client";

import { useEffect, useState } from "react";
import { mergeJobViews, type JobView } from "../job-view";

/**
 * The project's jobs, live: follows the server-sent events of `/api/projects/:id/jobs/stream`
 * (a full list, then only changed jobs), and falls back to polling `/api/projects/:id/jobs`
 * every `intervalMs` when the stream cannot be used (no EventSource, an error status, a proxy
 * that drops it). Null before the first answer.
 *
 * @example
 * const jobs = useProjectJobs(projectId, true);
 */
export function useProjectJobs(projectId: string, enabled: boolean, intervalMs = 1000): JobView[] | null {
  const [jobs, setJobs] = useState<JobView[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | null = null;
    const poll = async () => {
      try {
        const response = await fetch(`/api/projects/${projectId}/jobs`, { cache: "no-store" });
        if (response.ok && !stopped) setJobs(((await response.json()) as { jobs: JobView[] }).jobs);
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
        setJobs((current) => (data.full ? mergeJobViews(null, data.jobs) : mergeJobViews(current, data.jobs)));
      });
      source.onerror = () => {
        // CLOSED: an error status (the browser will not retry); repeated errors: the stream keeps breaking.
        failures += 1;
        if (source?.readyState === EventSource.CLOSED || failures >= 3) fallBack();
      };
    }
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(timer);
    };
  }, [projectId, enabled, intervalMs]);
  return jobs;
}
