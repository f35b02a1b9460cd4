"use client";

import { useActionState, useState } from "react";
import { FormError } from "@/features/shell/components/form-error";
import { SubmitButton } from "@/features/shell/components/submit-button";
import { useHydrated } from "@/features/shell/components/use-hydrated";
import { nextRoundAction } from "../actions";

const DEFAULT_MODELS: Record<string, string> = { openai: "gpt-4o-mini", anthropic: "claude-3-5-haiku-latest", "openai-compatible": "" };

/**
 * The "Next round" button with the LLM that writes the round's programs and how many it asks for.
 *
 * @example
 * <NextRoundForm projectId={id} secrets={secrets} running={false} />
 */
export function NextRoundForm({ projectId, secrets, running }: { projectId: string; secrets: { provider: string; last4: string }[]; running: boolean }) {
  const [state, action] = useActionState(nextRoundAction, null);
  const [provider, setProvider] = useState(secrets[0]?.provider && secrets[0].provider in DEFAULT_MODELS ? secrets[0].provider : "openai");
  const hydrated = useHydrated();
  return (
    <form action={action} data-testid="next-round-form" data-ready={hydrated} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="projectId" value={projectId} />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Provider</span>
        <select name="provider" value={provider} onChange={(e) => setProvider(e.target.value)} data-testid="round-provider" className="input">
          <option value="openai">OpenAI</option>
          <option value="anthropic">Anthropic</option>
          <option value="openai-compatible">OpenAI-compatible server</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Model</span>
        <input
          key={provider}
          name="model"
          defaultValue={DEFAULT_MODELS[provider]}
          required
          data-testid="round-model"
          className="input font-mono"
          placeholder="e.g. gpt-4o-mini"
        />
      </label>
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
