"use client";

import { useActionState, useEffect, useState } from "react";
import type { ProposeConceptsResult } from "@alchemist/jobs";
import { FormError } from "@/features/shell/client";
import { proposeConceptsAction } from "../actions";

/**
 * "Propose concepts" / "Propose insights": asks the project's LLM provider (its key on the
 * settings page, else the worker's) for concepts that tell the classes apart, or for RoboShot
 * insights, and hands the answer to `onProposed`, which puts it in the list to edit; nothing is
 * saved until the list is.
 *
 * @example
 * <ProposeConceptsForm projectId={p} providers={["openai"]} onProposed={(proposed) => setText(proposed.concepts.join("\n"))} />
 */
export function ProposeConceptsForm({
  projectId,
  providers,
  onProposed,
}: {
  projectId: string;
  /** `CONCEPT_PROVIDERS`, from the server (the jobs package is not bundled for the browser). */
  providers: readonly string[];
  onProposed: (proposed: ProposeConceptsResult) => void;
}) {
  const [state, action, pending] = useActionState(proposeConceptsAction, null);
  // Controlled: React resets a form's uncontrolled fields after its action, and the next ask should use the same provider and model.
  const [provider, setProvider] = useState(providers[0] ?? "openai");
  const [model, setModel] = useState("gpt-4o-mini");
  // Only a new answer fills the list (state changes once per answer): later edits are the user's.
  useEffect(() => {
    if (state?.ok) onProposed(state.data);
  }, [state, onProposed]);
  return (
    <form action={action} data-testid="propose-concepts-form" className="flex flex-wrap items-end gap-2 rounded-md bg-slate-50 p-3 text-sm">
      <input type="hidden" name="projectId" value={projectId} />
      <label className="flex flex-col text-xs text-slate-600">
        Provider
        <select
          name="provider"
          value={provider}
          onChange={(event) => setProvider(event.target.value)}
          data-testid="propose-provider"
          className="input py-1 text-sm"
        >
          {providers.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600">
        Model
        <input
          name="model"
          value={model}
          onChange={(event) => setModel(event.target.value)}
          required
          data-testid="propose-model"
          className="input w-48 py-1 font-mono text-sm"
        />
      </label>
      {/* The pressed button's kind goes with the form: concepts or RoboShot insights. */}
      <button type="submit" name="kind" value="concepts" disabled={pending} data-testid="propose-concepts" className="btn-secondary">
        {pending ? "Asking the LLM…" : "Propose concepts"}
      </button>
      <button type="submit" name="kind" value="insights" disabled={pending} data-testid="propose-insights" className="btn-secondary">
        Propose insights
      </button>
      {state?.ok && (
        <p data-testid="proposed-concepts-note" className="w-full text-slate-700">
          {state.data.provider} {state.data.model} proposed{" "}
          {state.data.kind === "insights"
            ? `${state.data.insights?.harmful.length ?? 0} harmful and ${state.data.insights?.helpful.length ?? 0} helpful insights`
            : `${state.data.concepts.length} concepts`}{" "}
          (${state.data.costUsd.toFixed(6)}): edit them below, then save to re-score.
        </p>
      )}
      <FormError state={state} />
    </form>
  );
}
