"use client";

import { useActionState } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { changePasswordAction, createApiTokenAction } from "../actions";

/**
 * Current + new password (twice); other sessions end on success.
 *
 * @example
 * <PasswordForm />
 */
export function PasswordForm() {
  const [state, action] = useActionState(changePasswordAction, null);
  return (
    <form action={action} data-testid="password-form" className="flex max-w-md flex-col gap-3">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Current password</span>
        <input name="currentPassword" type="password" required autoComplete="current-password" className="input" />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">New password</span>
        <input name="newPassword" type="password" required minLength={10} autoComplete="new-password" className="input" />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Repeat the new password</span>
        <input name="confirm" type="password" required minLength={10} autoComplete="new-password" className="input" />
      </label>
      <div>
        <SubmitButton>Change password</SubmitButton>
      </div>
      <FormError state={state} />
      {state?.ok && (
        <p role="status" data-testid="password-changed" className="text-sm text-emerald-700">
          Password changed; your other sessions were signed out.
        </p>
      )}
    </form>
  );
}

/**
 * Names and creates an API token, then shows it once.
 *
 * @example
 * <NewTokenForm />
 */
export function NewTokenForm() {
  const [state, action] = useActionState(createApiTokenAction, null);
  return (
    <form action={action} data-testid="new-token-form" className="flex flex-wrap items-end gap-3">
      <label className="flex min-w-64 flex-col gap-1 text-sm">
        <span className="font-medium">New token name</span>
        <input name="name" required maxLength={100} placeholder="e.g. laptop CLI" className="input" />
      </label>
      <SubmitButton>Create token</SubmitButton>
      <FormError state={state} />
      {state?.ok && (
        <div className="w-full rounded-md bg-emerald-50 p-3 text-sm ring-1 ring-emerald-600/20">
          <p className="font-medium text-emerald-800">Copy it now: it is not shown again.</p>
          <code data-testid="new-token" className="mt-1 block break-all font-mono text-xs">
            {state.data.token}
          </code>
        </div>
      )}
    </form>
  );
}
