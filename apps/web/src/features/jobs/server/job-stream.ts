import "server-only";
import { getPrisma, listJobsChangedSince, listNewestAndActiveJobs } from "@alchemist/db";
import { getEnv } from "@/env";
import type { JobView } from "../job-view";
import { toJobView } from "./to-job-view";

const TICK_MS = 1000;
const PING_MS = 15_000;
// A stream ends after this long and the browser's EventSource reconnects, which re-checks access.
const LIFETIME_MS = 5 * 60_000;
// Rows changed slightly before the previous tick's clock reading are re-read; the signature check drops repeats.
const OVERLAP_MS = 2000;

// Heartbeats alone (updatedAt) change nothing the page shows, so they are not pushed.
const signature = (job: JobView) => `${job.status}|${job.progress}|${job.stage ?? ""}|${job.error ?? ""}|${job.startedAt ?? ""}|${job.finishedAt ?? ""}`;

/**
 * `GET /api/projects/:id/jobs/stream`: server-sent events with the project's jobs. First a
 * `jobs` event with `{ full: true, jobs }` (the newest 20 and every queued or running one: the
 * browser closes the stream when it sees none active, so an old running job must be in it), then every second a `jobs` event
 * with only the jobs that changed (created, progressed, finished), a `: ping` comment every 15 s
 * so proxies keep the connection, and the end after 5 minutes (EventSource reconnects, and
 * access is checked again). The per-tick query reads the project's recently touched jobs only.
 * Stops as soon as the client goes away. The caller has authorized the request.
 *
 * @example
 * await authorizeProject(projectId, "read");
 * return await jobStreamResponse(projectId, request);
 */
export async function jobStreamResponse(projectId: string, request: Request): Promise<Response> {
  getEnv();
  const db = getPrisma();
  const encoder = new TextEncoder();
  const sent = new Map<string, string>();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const timers: ReturnType<typeof setTimeout>[] = [];
      stop = () => {
        if (closed) return;
        closed = true;
        for (const t of timers) clearInterval(t);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", stop, { once: true });
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const push = (jobs: JobView[], full: boolean) => {
        const changed = full ? jobs : jobs.filter((j) => sent.get(j.id) !== signature(j));
        for (const j of changed) sent.set(j.id, signature(j));
        if (full || changed.length > 0) write(`event: jobs\ndata: ${JSON.stringify({ full, jobs: changed })}\n\n`);
      };
      let since = new Date();
      write(`retry: 2000\n\n`);
      push((await listNewestAndActiveJobs(db, projectId, 20)).map(toJobView), true);
      let busy = false;
      timers.push(
        setInterval(() => {
          if (busy || closed) return;
          busy = true;
          const now = new Date();
          listJobsChangedSince(db, projectId, new Date(since.getTime() - OVERLAP_MS))
            .then((rows) => {
              since = now;
              push(rows.map(toJobView), false);
            })
            // A failed read (database restarting) is retried on the next tick.
            .catch(() => undefined)
            .finally(() => {
              busy = false;
            });
        }, TICK_MS),
      );
      timers.push(setInterval(() => write(`: ping\n\n`), PING_MS));
      timers.push(setTimeout(stop, LIFETIME_MS));
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
