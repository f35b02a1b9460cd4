"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionError, type ActionResult } from "@/lib/action-result";
import { joinByInvitation } from "@/features/members/server/members-service";
import { invitationTokenOf } from "@/features/members/invite-path";
import { getAuth } from "./server/auth";
import { safeNext, toAppError } from "./server/auth-error";

// Public by nature (they create the session); listed as such in the access test.

const SignInInput = z.object({
  email: z.string().trim().toLowerCase().email("enter a valid email address"),
  password: z.string().min(1, "enter your password").max(256),
});
const SignUpInput = SignInInput.extend({
  name: z.string().trim().max(100).default(""),
  password: z.string().min(10, "the password needs at least 10 characters").max(256),
});

/**
 * Where to go once signed in: an invitation the visitor came from is accepted on the spot and
 * they land in its project; an unusable one (used, expired, revoked) is left to the invitation
 * page, which says why.
 */
async function afterSignIn(next: string, userId: string): Promise<string> {
  const token = invitationTokenOf(next);
  if (!token) return next;
  try {
    return `/projects/${(await joinByInvitation(token, userId)).projectId}`;
  } catch {
    return next;
  }
}

/** Signs in with email + password (sets the session cookie) and continues to `next`. */
export async function signInAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  let next: string;
  try {
    const input = SignInInput.parse({ email: form.get("email") ?? "", password: form.get("password") ?? "" });
    next = safeNext(form.get("next"));
    const signedIn = await getAuth()
      .api.signInEmail({ body: { email: input.email, password: input.password }, headers: await headers() })
      .catch((e: unknown) => Promise.reject(toAppError(e)));
    next = await afterSignIn(next, signedIn.user.id);
  } catch (error) {
    return actionError(error);
  }
  redirect(next);
}

/** Creates an account (argon2id-hashed password), signs it in and continues to `next` (or the invited project). */
export async function signUpAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  let next: string;
  try {
    const input = SignUpInput.parse({ email: form.get("email") ?? "", password: form.get("password") ?? "", name: form.get("name") ?? "" });
    next = safeNext(form.get("next"));
    const signedUp = await getAuth()
      .api.signUpEmail({
        body: { email: input.email, password: input.password, name: input.name || input.email.split("@")[0] || input.email },
        headers: await headers(),
      })
      .catch((e: unknown) => Promise.reject(toAppError(e)));
    next = await afterSignIn(next, signedUp.user.id);
  } catch (error) {
    return actionError(error);
  }
  redirect(next);
}

/** Ends the current session (deletes it server-side) and goes to /sign-in. */
export async function signOutAction(): Promise<void> {
  try {
    await getAuth().api.signOut({ headers: await headers() });
  } catch {
    // Already signed out (no or expired session): nothing to end.
  }
  redirect("/sign-in");
}
