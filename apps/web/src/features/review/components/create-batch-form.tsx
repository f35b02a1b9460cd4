"use client";

import { useActionState } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { createBatchAction } from "../actions";

/**
 * The create-batch form (editors and owners): rows by uncertainty, conflict or seeded random,
 * N reviewers per row, blind mode.
 *
 * @example
 * <CreateBatchForm projectId={id} members={[{ userId, label: "ana@example.com", role: "REVIEWER" }]} />
 */
export function CreateBatchForm({ projectId, members }: { projectId: string; members: { userId: string; label: string; role: string }[] }) {
  const [state, action] = useActionState(createBatchAction, null);
  return (
    <form action={action} data-testid="create-batch-form" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <input type="hidden" name="projectId" value={projectId} />
      <div className="grid gap-4 sm:grid-cols-3">
        <label className="block text-sm">
          Name
          <input name="name" required maxLength={120} className="input mt-1 w-full" defaultValue="Review round" />
        </label>
        <label className="block text-sm">
          Rows
          <input name="size" type="number" min={1} max={5000} defaultValue={20} className="input mt-1 w-full" />
        </label>
        <label className="block text-sm">
          Reviewers per row (overlap)
          <input name="overlap" type="number" min={1} max={50} defaultValue={2} className="input mt-1 w-full" />
        </label>
        <label className="block text-sm">
          Pick rows by
          <select name="strategy" className="input mt-1 w-full" defaultValue="uncertainty">
            <option value="uncertainty">Uncertainty (pseudolabel entropy)</option>
            <option value="conflict">Conflict (programs disagree)</option>
            <option value="random">Random (seeded)</option>
          </select>
        </label>
        <label className="block text-sm">
          Seed (random only)
          <input name="seed" type="number" min={0} defaultValue={0} className="input mt-1 w-full" />
        </label>
        <label className="block text-sm">
          Split
          <select name="split" className="input mt-1 w-full" defaultValue="">
            <option value="">All splits</option>
            <option value="TRAIN">TRAIN</option>
            <option value="DEV">DEV</option>
            <option value="TEST">TEST (evaluation gold only)</option>
          </select>
        </label>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="blind" defaultChecked /> Blind: reviewers see neither each other's labels nor the programs' votes and pseudolabel
      </label>
      <fieldset className="text-sm">
        <legend className="text-slate-600">Reviewers</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {members.map((m) => (
            <label key={m.userId} className="flex items-center gap-1.5">
              <input type="checkbox" name="reviewerIds" value={m.userId} defaultChecked data-testid="batch-reviewer" /> {m.label}{" "}
              <span className="text-xs text-slate-400">{m.role.toLowerCase()}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <SubmitButton testId="create-batch" busy="Creating…">
          Create batch
        </SubmitButton>
        <FormError state={state} />
      </div>
    </form>
  );
}
