"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { deleteProjectAction, renameProjectAction } from "../actions";

/**
 * Owners: the project's name and description.
 *
 * @example
 * <RenameProjectForm projectId={id} name="SMS spam" description="" />
 */
export function RenameProjectForm({ projectId, name, description }: { projectId: string; name: string; description: string }) {
  const [state, action] = useActionState(renameProjectAction, null);
  const router = useRouter();
  // The action's own re-render reuses the request's memoised project header (read before the
  // rename); a refresh is a new request, so the header and the title show the new name.
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form action={action} data-testid="rename-project-form" className="space-y-3">
      <input type="hidden" name="projectId" value={projectId} />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Name</span>
        <input name="name" required maxLength={200} defaultValue={name} data-testid="project-name-input" className="input" />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Description</span>
        <textarea name="description" maxLength={2000} rows={2} defaultValue={description} className="input" />
      </label>
      <div className="flex items-center gap-3">
        <SubmitButton testId="rename-project" busy="Saving…">
          Save name
        </SubmitButton>
        {state?.ok && (
          <span data-testid="rename-saved" className="text-sm text-emerald-700">
            Saved.
          </span>
        )}
      </div>
      <FormError state={state} />
    </form>
  );
}

/**
 * Owners: deletes the project after they type its name (the button stays disabled until then).
 *
 * @example
 * <DeleteProjectForm projectId={id} name="SMS spam" />
 */
export function DeleteProjectForm({ projectId, name }: { projectId: string; name: string }) {
  const [state, action] = useActionState(deleteProjectAction, null);
  const [typed, setTyped] = useState("");
  const matches = typed.trim() === name.trim();
  return (
    <form action={action} data-testid="delete-project-form" className="space-y-3 rounded-lg border border-rose-200 bg-rose-50/50 p-4">
      <input type="hidden" name="projectId" value={projectId} />
      <p className="text-sm text-rose-900">
        Deleting removes the project&apos;s datasets, programs, runs, models, reviews, members and audit log for everyone. It cannot be undone.
      </p>
      <label className="flex flex-col gap-1 text-sm">
        <span>
          Type <strong className="font-mono">{name}</strong> to confirm
        </span>
        <input
          name="confirmName"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          data-testid="delete-confirm-name"
          className="input"
        />
      </label>
      {/* Disabled until the name matches; the server checks it again. */}
      <button
        type="submit"
        disabled={!matches}
        data-testid="delete-project"
        className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-700 disabled:cursor-not-allowed disabled:opacity-50"
      >
        Delete this project
      </button>
      <FormError state={state} />
    </form>
  );
}
