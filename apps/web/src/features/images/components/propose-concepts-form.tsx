"use client";

import { useActionState, useEffect } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { proposeConceptsAction } from "../actions";

/**
 * "Propose concepts": asks the project's LLM provider (its key on the settings page, else the
 * worker's) for concepts that tell the classes apart and hands them to `onProposed`, which puts
 * them in the concept list to edit; nothing is saved until the list is.
 *
 * @example
 * <ProposeConceptsForm projectId={p} providers={["openai"]} onProposed={(concepts) => setText(concepts.join("\n"))} />
 */
export function ProposeConceptsForm({
  projectId,
  providers,
  onProposed,
}: {
  projectId: string;
  /** `CONCEPT_PROVIDERS`, from the server (the jobs package is not bundled for the browser). */
  providers: readonly string[];
  onProposed: (concepts: readonly string[]) => void;
}) {
  const [state, action] = useActionState(proposeConceptsAction, null);
  // Only a new answer fills the list (state changes once per answer): later edits are the user's.
  useEffect(() => {
    if (state?.ok) onProposed(state.data.concepts);
  }, [state, onProposed]);
  return (
    <form action={action} data-testid="propose-concepts-form" className="flex flex-wrap items-end gap-2 rounded-md bg-slate-50 p-3 text-sm">
      <input type="hidden" name="projectId" value={projectId} />
      <label className="flex flex-col text-xs text-slate-600">
        Provider
        <select name="provider" defaultValue="openai" data-testid="propose-provider" className="input py-1 text-sm">
          {providers.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600">
        Model
        <input name="model" defaultValue="gpt-4o-mini" required data-testid="propose-model" className="input w-48 py-1 font-mono text-sm" />
      </label>
      <SubmitButton testId="propose-concepts" tone="secondary" busy="Asking the LLM…">
        Propose concepts
      </SubmitButton>
      {state?.ok && (
        <p data-testid="proposed-concepts-note" className="w-full text-slate-700">
          {state.data.provider} {state.data.model} proposed {state.data.concepts.length} concepts (${state.data.costUsd.toFixed(6)}): edit them below, then save
          to re-score.
        </p>
      )}
      <FormError state={state} />
    </form>
  );
}
