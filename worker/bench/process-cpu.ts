import { readFileSync, readdirSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/**
 * The fields of a `/proc/<pid>/stat` line after the command name (which may itself hold spaces and
 * parentheses): [0] state, [1] parent pid, [2] process group, [11..14] CPU ticks; null if unreadable.
 *
 * @example
 * const parent = Number(procStatFields(readFileSync(`/proc/${pid}/stat`, "utf8"))?.[1]);
 */
export function procStatFields(stat: string): string[] | null {
  const close = stat.lastIndexOf(")");
  return close > 0 ? stat.slice(close + 2).split(" ") : null;
}

/** Per process id: its group and the CPU seconds (user + system, with reaped children) it has used so far. */
export type CpuSnapshot = ReadonlyMap<number, { readonly group: string; readonly seconds: number }>;

/**
 * Reads /proc (Linux only; elsewhere every group reads 0) and sums the CPU time of the processes
 * `classify` names, so a bench can say how much CPU a request cost each process behind it:
 * the studio's processes, the worker, and the Postgres backends of one database.
 *
 * @example
 * const before = processCpu((pid, cmd) => (cmd.includes("next") ? "web" : null));
 * // ... load ...
 * const used = cpuDelta(before, processCpu(classify)); // Map { "web" => 12.3 } (CPU seconds)
 */
export function processCpu(classify: (pid: number, commandLine: string, processGroup: number) => string | null): CpuSnapshot {
  const totals = new Map<number, { group: string; seconds: number }>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return totals;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = procStatFields(readFileSync(`/proc/${entry}/stat`, "utf8"));
      if (!fields) continue;
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      const group = classify(Number(entry), commandLine, Number(fields[2]));
      if (!group) continue;
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      totals.set(Number(entry), { group, seconds: ticks / TICKS_PER_SECOND });
    } catch {
      // the process ended while being read
    }
  }
  return totals;
}

/** CPU seconds used per group between two snapshots (a process that ended in between is not counted; one that started is, whole). */
export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const used = new Map<string, number>();
  for (const [pid, { group, seconds }] of after) used.set(group, (used.get(group) ?? 0) + seconds - (before.get(pid)?.seconds ?? 0));
  return used;
}
