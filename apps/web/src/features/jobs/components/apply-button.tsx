"use client";

import { useActionState } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { applyProgramsAction } from "../actions";

/**
 * "Apply programs": queues a run of the enabled programs over the dataset.
 *
 * @example
 * <ApplyButton projectId={project.id} />
 */
export function ApplyButton({ projectId }: { projectId: string }) {
  const [state, action] = useActionState(applyProgramsAction, null);
  return (
    <form action={action} className="flex flex-col items-end gap-2">
      <input type="hidden" name="projectId" value={projectId} />
      <SubmitButton testId="apply-programs" busy="Queuing…">
        Apply programs
      </SubmitButton>
      <FormError state={state} />
    </form>
  );
}
