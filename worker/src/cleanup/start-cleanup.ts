import { sweepFiles, type SweepReport } from "./sweep-files";

export interface FileCleanup {
  /** Sweeps every folder now (sweeps never overlap). */
  run(): Promise<SweepReport>;
  close(): Promise<void>;
}

/**
 * Sweeps the upload and export folders (`sweepFiles`) at start-up and every `intervalMs`, so a
 * killed job's `.part` files and uploads, labels files and exports past the retention do not pile
 * up. A failing sweep is logged and retried on the next tick; it never stops the worker.
 *
 * @example
 * const cleanup = await startFileCleanup({ dirs: [env.UPLOAD_DIR, env.EXPORT_DIR], intervalMs: 3_600_000, partMaxAgeMs: 3_600_000, retentionMs: 86_400_000 });
 */
export async function startFileCleanup(o: {
  dirs: readonly string[];
  intervalMs: number;
  partMaxAgeMs: number;
  retentionMs: number;
  log?: (line: string) => void;
}): Promise<FileCleanup> {
  const log = o.log ?? ((line: string) => console.log(line));
  let running: Promise<SweepReport> | null = null;
  const run = () => {
    running ??= (async () => {
      const total = { parts: 0, files: 0, bytes: 0 };
      try {
        for (const dir of new Set(o.dirs)) {
          const r = await sweepFiles(dir, { partMaxAgeMs: o.partMaxAgeMs, retentionMs: o.retentionMs });
          total.parts += r.parts;
          total.files += r.files;
          total.bytes += r.bytes;
        }
        if (total.parts + total.files > 0)
          log(`[worker] cleanup: removed ${total.parts} partial and ${total.files} expired files (${(total.bytes / 1e6).toFixed(1)} MB)`);
      } catch (error) {
        log(`[worker] cleanup: ${(error as Error).message}`);
      } finally {
        running = null;
      }
      return total;
    })();
    return running;
  };
  const timer = setInterval(() => void run(), o.intervalMs);
  timer.unref();
  await run();
  return {
    run,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
