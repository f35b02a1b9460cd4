"use client";

import { useActionState } from "react";
import { toggleProgramAction } from "../actions";

/**
 * Enable/disable switch of a program (a form post, so it works without JavaScript). Members who
 * may not edit see the switch disabled, with the reason as its title; a refused or failed toggle
 * shows the server's message under it instead of replacing the page.
 *
 * @example
 * <ProgramToggle projectId={p} programId={id} enabled canEdit />
 */
export function ProgramToggle({ projectId, programId, enabled, canEdit }: { projectId: string; programId: string; enabled: boolean; canEdit: boolean }) {
  const [state, action, pending] = useActionState(toggleProgramAction, null);
  const title = !canEdit
    ? `${enabled ? "Enabled" : "Disabled"}: only editors and owners can turn programs on or off`
    : enabled
      ? "Enabled: click to disable"
      : "Disabled: click to enable";
  return (
    <form action={action}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="programId" value={programId} />
      <input type="hidden" name="enabled" value={String(!enabled)} />
      <button
        type="submit"
        role="switch"
        aria-checked={enabled}
        data-testid="program-toggle"
        title={title}
        disabled={!canEdit || pending}
        className={`relative h-5 w-9 rounded-full transition disabled:cursor-not-allowed ${!canEdit ? "opacity-50" : ""} ${enabled ? "bg-indigo-600" : "bg-slate-300"}`}
      >
        <span className={`absolute top-0.5 size-4 rounded-full bg-white shadow transition-all ${enabled ? "left-[1.125rem]" : "left-0.5"}`} />
      </button>
      {state && !state.ok && (
        <p role="alert" data-testid="form-error" className="mt-1 w-40 text-xs text-rose-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
