"use client";

import { useActionState } from "react";
import { createProjectAction } from "../actions";
import { FormError, SubmitButton } from "@/features/shell/client";

/**
 * Name + description form that creates a project and opens it.
 *
 * @example
 * <NewProjectForm />
 */
export function NewProjectForm() {
  const [state, action] = useActionState(createProjectAction, null);
  return (
    <form
      action={action}
      data-testid="new-project-form"
      className="mt-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <label className="flex min-w-56 flex-1 flex-col gap-1 text-sm">
        <span className="font-medium">New project</span>
        <input name="name" required maxLength={200} placeholder="e.g. SMS spam" className="input" />
      </label>
      <label className="flex min-w-72 flex-[2] flex-col gap-1 text-sm">
        <span className="text-slate-500">Description (optional)</span>
        <input name="description" maxLength={2000} className="input" />
      </label>
      <SubmitButton>Create project</SubmitButton>
      <FormError state={state} />
    </form>
  );
}
