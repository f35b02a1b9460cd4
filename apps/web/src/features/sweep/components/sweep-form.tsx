"use client";

import { useActionState } from "react";
import { FormError, LlmModelFields, SubmitButton, useHydrated } from "@/features/shell/client";
import { sweepAction } from "../actions";

const INFO = ["none", "keywords", "rules", "descriptions", "examples"] as const;

/**
 * The sweep's grid: the LLM, program counts, info kinds, temperatures and the zero-shot sample.
 * The server prices the grid against the project's LLM budget before queuing it.
 *
 * @example
 * <SweepForm projectId={id} secrets={secrets} running={false} />
 */
export function SweepForm({ projectId, secrets, running }: { projectId: string; secrets: { provider: string; last4: string }[]; running: boolean }) {
  const [state, action] = useActionState(sweepAction, null);
  const hydrated = useHydrated();
  return (
    <form action={action} data-testid="sweep-form" data-ready={hydrated} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="projectId" value={projectId} />
      <LlmModelFields secrets={secrets} testIdPrefix="sweep" />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Program counts</span>
        <input name="programs" defaultValue="1, 2, 5" required data-testid="sweep-programs" className="input w-28" />
      </label>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="font-medium">Info kinds</legend>
        <div className="flex gap-2">
          {INFO.map((kind) => (
            <label key={kind} className="flex items-center gap-1">
              <input type="checkbox" name="info" value={kind} defaultChecked={kind === "none" || kind === "keywords"} data-testid={`sweep-info-${kind}`} />{" "}
              {kind}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Temperatures</span>
        <input name="temperatures" defaultValue="0.3, 1.0" required data-testid="sweep-temperatures" className="input w-28" />
      </label>
      <label className="flex flex-col gap-1 text-sm" title="Test rows the zero-shot baseline labels, one call each (0: only its cost estimate)">
        <span className="font-medium">Zero-shot rows</span>
        <input name="zeroShotSample" type="number" min={0} max={200} defaultValue={20} data-testid="sweep-zero-shot" className="input w-24" />
      </label>
      <SubmitButton testId="run-sweep" busy="Pricing…">
        {running ? "Sweep running…" : "Run sweep"}
      </SubmitButton>
      {state?.ok && (
        <p data-testid="sweep-queued" className="text-sm text-emerald-700">
          Sweep queued (at most ${state.data.atMostUsd.toFixed(4)}): its progress is shown in the jobs list.
        </p>
      )}
      <FormError state={state} />
    </form>
  );
}
