import type { Dirent } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";

/** Only names the studio gives files: `<uuid>.<ext>` and `<uuid>.<ext>.part` (a shared folder's other files are never touched). */
const OWN_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9-]+(\.[a-z0-9]+)?$/;

export interface SweepReport {
  /** `.part` files removed (a killed job's partial output). */
  readonly parts: number;
  /** Finished files removed (uploads never imported, labels files, exports past the retention). */
  readonly files: number;
  readonly bytes: number;
}

/**
 * Removes from `dir` (not its sub-folders) the studio's own files that were left behind: `.part`
 * files untouched for `partMaxAgeMs` (a job writing one touches it at least every chunk; one that
 * stopped changing belongs to a killed attempt) and any other file older than `retentionMs`
 * (uploads never imported, predict results and exports nobody fetched). Age is the time since
 * the last modification. A missing folder is an empty one; files vanishing meanwhile are skipped.
 *
 * @example
 * const { parts, files } = await sweepFiles("/var/alchemist/uploads", { partMaxAgeMs: 3_600_000, retentionMs: 86_400_000 });
 */
export async function sweepFiles(dir: string, o: { partMaxAgeMs: number; retentionMs: number; now?: number }): Promise<SweepReport> {
  if (!(o.partMaxAgeMs > 0) || !(o.retentionMs > 0))
    throw new Error(`sweepFiles: ages must be > 0 ms, got partMaxAgeMs ${o.partMaxAgeMs}, retentionMs ${o.retentionMs}`);
  const now = o.now ?? Date.now();
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { parts: 0, files: 0, bytes: 0 };
    throw error;
  }
  let parts = 0;
  let files = 0;
  let bytes = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !OWN_NAME.test(entry.name)) continue;
    const path = join(dir, entry.name);
    const info = await stat(path).catch(() => null);
    if (!info) continue;
    const part = entry.name.endsWith(".part");
    if (now - info.mtimeMs < (part ? o.partMaxAgeMs : o.retentionMs)) continue;
    await rm(path, { force: true });
    if (part) parts += 1;
    else files += 1;
    bytes += info.size;
  }
  return { parts, files, bytes };
}
