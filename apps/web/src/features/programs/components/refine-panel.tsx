"use client";

import { useActionState, useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import type { RefineSideMetrics } from "@alchemist/jobs";
import { formatPercent } from "@/lib/format-percent";
import { FormError, SubmitButton } from "@/features/shell/client";
import { decideRefinementAction, refineProgramAction } from "../actions";
import type { RefinementView } from "../server/get-program-details";
import { SourceDiff } from "./source-diff";
import { useProjectJobs } from "@/features/jobs/client";

const METRICS: { key: keyof RefineSideMetrics; label: string; better: "up" | "down"; format: (v: number | null) => string }[] = [
  { key: "coverage", label: "Coverage", better: "up", format: (v) => formatPercent(v) },
  { key: "accuracy", label: "Dev accuracy", better: "up", format: (v) => formatPercent(v) },
  { key: "conflicts", label: "Conflicts", better: "down", format: (v) => formatPercent(v) },
  { key: "overlaps", label: "Overlaps", better: "up", format: (v) => formatPercent(v) },
  { key: "faults", label: "Faults", better: "down", format: (v) => (v === null ? "—" : String(v)) },
];

function Change({
  before,
  after,
  better,
  format,
}: {
  before: number | null;
  after: number | null;
  better: "up" | "down";
  format: (v: number | null) => string;
}) {
  if (before === null || after === null || before === after) return <span className="text-slate-400">±0</span>;
  const good = better === "up" ? after > before : after < before;
  const delta = after - before;
  const text = format(Math.abs(delta));
  return (
    <span className={good ? "text-emerald-700" : "text-rose-700"}>
      {delta > 0 ? "+" : "−"}
      {text}
    </span>
  );
}

function MetricsTable({ refinement }: { refinement: RefinementView }) {
  const m = refinement.metrics!;
  return (
    <div className="space-y-1">
      <table data-testid="refine-metrics" className="w-full max-w-xl text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-1">On {m.devRows.toLocaleString("en-US")} dev rows</th>
            <th className="py-1 text-right">v{m.before.version} (before)</th>
            <th className="py-1 text-right">v{m.after.version} (after)</th>
            <th className="py-1 text-right">Change</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {METRICS.map(({ key, label, better, format }) => (
            <tr key={key} data-testid={`refine-metric-${key}`}>
              <td className="py-1">{label}</td>
              <td className="py-1 text-right tabular-nums" data-testid="before">
                {format(m.before[key])}
              </td>
              <td className="py-1 text-right tabular-nums" data-testid="after">
                {format(m.after[key])}
              </td>
              <td className="py-1 text-right tabular-nums">
                <Change before={m.before[key]} after={m.after[key]} better={better} format={format} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="refine-changed" className="text-xs text-slate-500">
        {m.changedVotes.toLocaleString("en-US")} of {m.devRows.toLocaleString("en-US")} dev votes changed; accuracy on the {m.goldRows.toLocaleString("en-US")}{" "}
        dev rows with gold; conflicts and overlaps against{" "}
        {m.others.length === 0 ? "no other enabled program" : `the ${m.others.length} other enabled program${m.others.length === 1 ? "" : "s"}`}.
      </p>
    </div>
  );
}

/**
 * "Ask the LLM to change this program so that ...": the request form, the job's status (the jobs
 * stream while it runs: the page re-renders when a refine job starts or ends), then the candidate's diff and before/after dev metrics with Keep / Discard.
 *
 * @example
 * <RefinePanel projectId={p} programId={id} refinement={latest} defaults={{ provider: "openai", model: "gpt-4o-mini" }} />
 */
export function RefinePanel({
  projectId,
  programId,
  refinement,
  defaults,
  language,
}: {
  projectId: string;
  programId: string;
  refinement: RefinementView | null;
  defaults: { provider: string; model: string };
  language: "python" | "javascript";
}) {
  const router = useRouter();
  const [asked, ask] = useActionState(refineProgramAction, null);
  const [decided, decide] = useActionState(decideRefinementAction, null);
  const pending = refinement?.status === "QUEUED" || refinement?.status === "RUNNING";
  const { jobs } = useProjectJobs(projectId, pending, refinement?.id ?? "");
  const refineStatus = (jobs ?? [])
    .filter((j) => j.queue === "refine-program")
    .map((j) => `${j.id}:${j.status}`)
    .join("|");
  const seen = useRef<string | null>(null);
  useEffect(() => {
    // Each start or end of a refine job re-renders the panel (the first answer too: the job may
    // have ended between the server's render and the stream's start).
    if (!refineStatus || seen.current === refineStatus) return;
    seen.current = refineStatus;
    router.refresh();
  }, [refineStatus, router]);
  return (
    <section data-testid="refine-panel" aria-labelledby="refine-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 id="refine-heading" className="font-semibold">
        Ask the LLM to change this program
      </h3>
      <form action={ask} data-testid="refine-form" className="space-y-3 text-sm">
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="programId" value={programId} />
        <label className="flex flex-col gap-1">
          <span className="font-medium">Change it so that …</span>
          <textarea
            name="instruction"
            data-testid="refine-instruction"
            required
            minLength={3}
            maxLength={4000}
            rows={2}
            placeholder='e.g. it also labels messages containing "winner" as spam'
            className="input font-normal"
          />
        </label>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1">
            <span className="font-medium">Provider</span>
            <select
              name="provider"
              defaultValue={defaults.provider === "builtin" ? "openai" : defaults.provider}
              data-testid="refine-provider"
              className="input"
            >
              <option value="openai">OpenAI</option>
              <option value="anthropic">Anthropic</option>
              <option value="openai-compatible">OpenAI-compatible</option>
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Model</span>
            <input name="model" defaultValue={defaults.model} required data-testid="refine-model" className="input w-56 font-mono" />
          </label>
          <SubmitButton testId="refine-submit" busy="Asking…">
            Ask for a new version
          </SubmitButton>
        </div>
        <FormError state={asked} />
      </form>

      {refinement && (
        <div
          data-testid="refinement"
          data-status={refinement.status}
          data-refinement-id={refinement.id}
          className="space-y-3 border-t border-slate-100 pt-3 text-sm"
        >
          <p>
            <span className="font-medium">“{refinement.instruction}”</span>{" "}
            <span className="text-slate-500">
              — {refinement.provider} {refinement.model}, v{refinement.base?.version ?? "?"}, ${refinement.costUsd.toFixed(6)}
            </span>
          </p>
          {pending && (
            <p data-testid="refine-status" className="text-slate-600">
              {refinement.status === "QUEUED" ? "Queued…" : "The model is writing and checking a new version…"}
            </p>
          )}
          {refinement.status === "FAILED" && (
            <p data-testid="refine-status" role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-rose-700">
              Failed: {refinement.error}
            </p>
          )}
          {refinement.status === "KEPT" && (
            <p data-testid="refine-status" className="text-emerald-700">
              Kept as v{refinement.candidate?.version}.
            </p>
          )}
          {refinement.status === "DISCARDED" && (
            <p data-testid="refine-status" className="text-slate-600">
              Discarded{decided?.ok && decided.data.restored !== null ? `; v${decided.data.restored} restores v${refinement.base?.version}` : ""}.
            </p>
          )}
          {refinement.metrics && <MetricsTable refinement={refinement} />}
          {refinement.base && refinement.candidate && (
            <SourceDiff
              testId="refine-diff"
              original={refinement.base.source}
              modified={refinement.candidate.source}
              language={language}
              labels={[`v${refinement.base.version} (before)`, `v${refinement.candidate.version} (after)`]}
            />
          )}
          {refinement.status === "READY" && (
            <form action={decide} className="flex gap-2">
              <input type="hidden" name="projectId" value={projectId} />
              <input type="hidden" name="programId" value={programId} />
              <input type="hidden" name="refinementId" value={refinement.id} />
              <button type="submit" name="decision" value="keep" data-testid="refine-keep" className="btn-primary">
                Keep v{refinement.candidate?.version} (enable)
              </button>
              <button type="submit" name="decision" value="discard" data-testid="refine-discard" className="btn-secondary">
                Discard
              </button>
            </form>
          )}
          <FormError state={decided} />
        </div>
      )}
    </section>
  );
}
