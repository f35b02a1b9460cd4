/** Hover text of a faults cell: counts by kind, then where the runner stopped the program. */
export function faultTitle(kinds: Readonly<Record<string, number>>, stopped: { row: number; reason: string } | null | undefined): string | undefined {
  const parts = Object.entries(kinds).map(([kind, n]) => `${kind}: ${n}`);
  if (stopped) parts.push(`stopped at row ${stopped.row}: ${stopped.reason} (later rows are disabled faults)`);
  return parts.join(", ") || undefined;
}

/**
 * Under a program's fault count: the runner stopped it during the apply (K costly faults in a
 * row, or its time budget), at which row and why; its later rows are `disabled` faults.
 *
 * @example
 * {analysis.stopped && <StoppedNote stopped={analysis.stopped} />}
 */
export function StoppedNote({ stopped }: { stopped: { row: number; reason: string } }) {
  return (
    <div data-testid="program-stopped" className="mt-0.5 max-w-64 text-left text-[11px] leading-snug text-rose-700">
      stopped at row {stopped.row.toLocaleString("en-US")}: {stopped.reason}
    </div>
  );
}
