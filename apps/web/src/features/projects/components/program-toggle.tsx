import { toggleProgramAction } from "@/features/programs/actions";

/**
 * Enable/disable switch of a program (a form post, so it works without JavaScript).
 *
 * @example
 * <ProgramToggle projectId={p} programId={id} enabled />
 */
export function ProgramToggle({ projectId, programId, enabled }: { projectId: string; programId: string; enabled: boolean }) {
  return (
    <form action={toggleProgramAction}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="programId" value={programId} />
      <input type="hidden" name="enabled" value={String(!enabled)} />
      <button type="submit" role="switch" aria-checked={enabled} data-testid="program-toggle" title={enabled ? "Enabled: click to disable" : "Disabled: click to enable"}
        className={`relative h-5 w-9 rounded-full transition ${enabled ? "bg-indigo-600" : "bg-slate-300"}`}>
        <span className={`absolute top-0.5 size-4 rounded-full bg-white shadow transition-all ${enabled ? "left-[1.125rem]" : "left-0.5"}`} />
      </button>
    </form>
  );
}
