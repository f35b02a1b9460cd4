"use client";

import { useEffect, useState } from "react";
import type { JobView } from "../job-view";

/**
 * Polls `/api/projects/:id/jobs` every `intervalMs` while `enabled`; returns the latest list
 * (null before the first answer).
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
    const poll = async () => {
      try {
        const response = await fetch(`/api/projects/${projectId}/jobs`, { cache: "no-store" });
        if (response.ok && !stopped) setJobs(((await response.json()) as { jobs: JobView[] }).jobs);
      } catch {
        // A missed poll is retried on the next tick.
      }
      if (!stopped) timer = setTimeout(poll, intervalMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [projectId, enabled, intervalMs]);
  return jobs;
}
