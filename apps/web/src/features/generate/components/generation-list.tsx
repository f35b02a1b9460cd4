import Link from "next/link";
import { StatusBadge } from "@/features/jobs/client";
import type { GenerationRow } from "../server/generate-service";

const usd = (v: number) => `$${v.toFixed(4)}`;

/**
 * The latest generation requests: status, the programs each created (linked), calls, cost next
 * to the zero-shot estimate, and why slots failed.
 *
 * @example
 * <GenerationList projectId={id} requests={data.requests} />
 */
export function GenerationList({ projectId, requests }: { projectId: string; requests: GenerationRow[] }) {
  if (requests.length === 0) return <p className="text-sm text-slate-600">No generation requests yet.</p>;
  return (
    <ul data-testid="generation-list" className="space-y-3">
      {requests.map((r) => (
        <li
          key={r.id}
          data-testid="generation-request"
          data-status={r.status}
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
        >
          <div className="flex flex-wrap items-center gap-3">
            <StatusBadge status={r.status} />
            <span className="font-medium">{r.provider === "builtin" ? "builtin synthesizer" : `${r.provider} ${r.model}`}</span>
            <span className="text-slate-500">
              {r.programs.length} of {r.n} programs
            </span>
            <span className="tabular-nums text-slate-500">
              {r.calls} calls, {usd(r.costUsd)}
              {r.zeroShotUsd !== null ? ` (zero-shot est. ${usd(r.zeroShotUsd)})` : ""}
            </span>
            <span className="ml-auto font-mono text-xs text-slate-400">{r.createdAt.slice(0, 19).replace("T", " ")} UTC</span>
          </div>
          {r.programs.length > 0 && (
            <div className="flex flex-wrap gap-2">
              {r.programs.map((p) => (
                <Link
                  key={p.id}
                  href={`/projects/${projectId}/programs/${p.id}`}
                  data-testid="generated-program"
                  className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-indigo-700 hover:bg-indigo-50"
                >
                  {p.name}
                </Link>
              ))}
            </div>
          )}
          {(r.error || r.failedSlots > 0 || r.stoppedBy) && (
            <p data-testid="generation-failures" className="text-xs text-rose-700">
              {r.error ??
                `${r.failedSlots} program slot${r.failedSlots === 1 ? "" : "s"} ended without an accepted program${r.stoppedBy ? ` (stopped by the ${r.stoppedBy})` : ""}`}
              {r.rejected.length > 0 && `; rejected attempts: ${r.rejected.join(", ")}`}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
