"use client";

import { useActionState } from "react";
import { FormError, LlmModelFields, SubmitButton, useHydrated } from "@/features/shell/client";
import { nextRoundAction } from "../actions";

/**
 * The "Next round" button with the LLM that writes the round's programs and how many it asks for.
 *
 * @example
 * <NextRoundForm projectId={id} secrets={secrets} running={false} />
 */
export function NextRoundForm({ projectId, secrets, running }: { projectId: string; secrets: { provider: string; last4: string }[]; running: boolean }) {
  const [state, action] = useActionState(nextRoundAction, null);
  const hydrated = useHydrated();
  return (
    <form action={action} data-testid="next-round-form" data-ready={hydrated} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="projectId" value={projectId} />
      <LlmModelFields secrets={secrets} testIdPrefix="round" />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Programs per round</span>
        <input name="n" type="number" min={1} max={20} defaultValue={3} required data-testid="round-n" className="input w-24" />
      </label>
      <label
        className="flex items-center gap-1.5 self-center text-sm"
        title="Programs below chance on dev, or without which the label model's dev F1 rises, are disabled"
      >
        <input type="checkbox" name="prune" data-testid="round-prune" /> Disable flagged programs
      </label>
      <SubmitButton testId="next-round" busy="Queuing…">
        {running ? "Round running…" : "Next round"}
      </SubmitButton>
      {state?.ok && (
        <p data-testid="next-round-queued" className="text-sm text-emerald-700">
          Round {state.data.round} queued: its progress is shown below.
        </p>
      )}
      <FormError state={state} />
    </form>
  );
}
