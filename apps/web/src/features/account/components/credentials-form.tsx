"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { signInAction, signUpAction } from "../actions";

/**
 * The sign-in or sign-up form (email + password), continuing to `next` afterwards.
 *
 * @example
 * <CredentialsForm mode="sign-in" next="/projects" />
 */
export function CredentialsForm({ mode, next }: { mode: "sign-in" | "sign-up"; next: string }) {
  const [state, action] = useActionState(mode === "sign-in" ? signInAction : signUpAction, null);
  const query = next === "/projects" ? "" : `?next=${encodeURIComponent(next)}`;
  return (
    <form
      action={action}
      data-testid={`${mode}-form`}
      className="mx-auto mt-8 flex max-w-sm flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h1 className="text-xl font-semibold tracking-tight">{mode === "sign-in" ? "Sign in" : "Create an account"}</h1>
      <input type="hidden" name="next" value={next} />
      {mode === "sign-up" && (
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Name</span>
          <input name="name" maxLength={100} autoComplete="name" className="input" />
        </label>
      )}
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Email</span>
        <input name="email" type="email" required autoComplete="email" className="input" />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Password</span>
        <input
          name="password"
          type="password"
          required
          minLength={mode === "sign-up" ? 10 : 1}
          autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
          className="input"
        />
      </label>
      <SubmitButton>{mode === "sign-in" ? "Sign in" : "Sign up"}</SubmitButton>
      <FormError state={state} />
      <p className="text-sm text-slate-500">
        {mode === "sign-in" ? (
          <>
            No account yet?{" "}
            <Link href={`/sign-up${query}`} className="text-indigo-700 hover:underline">
              Sign up
            </Link>
          </>
        ) : (
          <>
            Have an account?{" "}
            <Link href={`/sign-in${query}`} className="text-indigo-700 hover:underline">
              Sign in
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
