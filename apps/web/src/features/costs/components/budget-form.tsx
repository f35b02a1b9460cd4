"use client";

import { useActionState } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { setLlmBudgetAction } from "../actions";

/**
 * Owners: the project's LLM budget in dollars (empty = none). Generation stops when the ledger
 * reaches it.
 *
 * @example
 * <BudgetForm projectId={id} budgetUsd={5} />
 */
export function BudgetForm({ projectId, budgetUsd }: { projectId: string; budgetUsd: number | null }) {
  const [state, action] = useActionState(setLlmBudgetAction, null);
  return (
    <form action={action} data-testid="budget-form" className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="projectId" value={projectId} />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">LLM budget (USD)</span>
        <input
          name="budgetUsd"
          inputMode="decimal"
          placeholder="none"
          defaultValue={budgetUsd === null ? "" : String(budgetUsd)}
          data-testid="budget-input"
          className="input w-32"
        />
      </label>
      <SubmitButton testId="save-budget" busy="Saving…">
        Save budget
      </SubmitButton>
      {state?.ok && (
        <span data-testid="budget-saved" className="text-sm text-emerald-700">
          Saved.
        </span>
      )}
      <FormError state={state} />
      <p className="w-full text-xs text-slate-500">
        Leave empty for no budget. Generation and refine requests stop once the ledger reaches it; calls already made are never undone.
      </p>
    </form>
  );
}
