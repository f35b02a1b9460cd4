const tones: Record<string, string> = {
  SUCCEEDED: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  RUNNING: "bg-sky-50 text-sky-700 ring-sky-600/20",
  QUEUED: "bg-slate-100 text-slate-700 ring-slate-500/20",
  FAILED: "bg-rose-50 text-rose-700 ring-rose-600/20",
  CANCELLED: "bg-amber-50 text-amber-800 ring-amber-600/20",
};

/**
 * A run/job status pill; `null` reads "No runs".
 *
 * @example
 * <StatusBadge status="SUCCEEDED" />
 */
export function StatusBadge({ status }: { status: string | null }) {
  const label = status ? status.charAt(0) + status.slice(1).toLowerCase() : "No runs";
  const tone = (status && tones[status]) ?? "bg-white text-slate-500 ring-slate-300";
  return (
    <span data-testid="run-status" className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      {label}
    </span>
  );
}
