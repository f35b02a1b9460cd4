"use client";

import { useActionState, useId } from "react";
import { toggleProgramAction } from "../actions";

/**
 * The programs table's on/off switches: one form for the whole table, which each switch submits
 * (`form=` attribute) with its own `toggle` value, so a page of programs renders one server-action
 * form instead of one per row. Works without JavaScript (a plain form post). A refused or failed
 * toggle shows the server's message under the switch that was pressed.
 *
 * @example
 * const toggles = useProgramToggles(projectId);
 * <>{toggles.form}<ProgramToggle toggles={toggles} programId={id} enabled canEdit /></>
 */
export function useProgramToggles(projectId: string) {
  const [state, action, pending] = useActionState(toggleProgramAction, null);
  const formId = useId();
  const form = (
    <form id={formId} action={action} hidden>
      <input type="hidden" name="projectId" value={projectId} />
    </form>
  );
  return { form, formId, state, pending };
}

/** One program's switch in the table's toggle form (see {@link useProgramToggles}). */
export function ProgramToggle({
  toggles,
  programId,
  enabled,
  canEdit,
}: {
  toggles: ReturnType<typeof useProgramToggles>;
  programId: string;
  enabled: boolean;
  canEdit: boolean;
}) {
  const title = !canEdit
    ? `${enabled ? "Enabled" : "Disabled"}: only editors and owners can turn programs on or off`
    : enabled
      ? "Enabled: click to disable"
      : "Disabled: click to enable";
  const { state } = toggles;
  return (
    <>
      <button
        type="submit"
        form={toggles.formId}
        name="toggle"
        value={`${programId}:${!enabled}`}
        role="switch"
        aria-checked={enabled}
        data-testid="program-toggle"
        title={title}
        disabled={!canEdit || toggles.pending}
        className={`relative h-5 w-9 rounded-full transition disabled:cursor-not-allowed ${!canEdit ? "opacity-50" : ""} ${enabled ? "bg-indigo-600" : "bg-slate-300"}`}
      >
        <span className={`absolute top-0.5 size-4 rounded-full bg-white shadow transition-all ${enabled ? "left-[1.125rem]" : "left-0.5"}`} />
      </button>
      {state && !state.ok && state.programId === programId && (
        <p role="alert" data-testid="form-error" className="mt-1 w-40 text-xs text-rose-700">
          {state.error}
        </p>
      )}
    </>
  );
}
