"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionError, type ActionResult } from "@/lib/action-result";
import { getAuth, safeNext, toAppError, requireUser } from "@/features/auth";
import { joinByInvitation } from "@/features/members";
import { invitationTokenOf } from "@/features/members/client";
import { changePassword, issueApiToken, withdrawApiToken } from "./server/account-service";

const PasswordInput = z
  .object({
    currentPassword: z.string().min(1, "enter your current password").max(256),
    newPassword: z.string().min(10, "the new password needs at least 10 characters").max(256),
    confirm: z.string(),
  })
  .refine((v) => v.newPassword === v.confirm, { message: "the new passwords do not match", path: ["confirm"] });

/** Changes the password and signs out every other session. */
export async function changePasswordAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const input = PasswordInput.parse({
      currentPassword: form.get("currentPassword") ?? "",
      newPassword: form.get("newPassword") ?? "",
      confirm: form.get("confirm") ?? "",
    });
    const { userId } = await requireUser();
    await changePassword(userId, { currentPassword: input.currentPassword, newPassword: input.newPassword });
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error);
  }
}

const TokenName = z.string().trim().min(1, "name the token, e.g. laptop CLI").max(100);

/** Creates an API token; the result carries the secret, shown once. */
export async function createApiTokenAction(_previous: ActionResult<{ token: string }> | null, form: FormData): Promise<ActionResult<{ token: string }>> {
  try {
    const name = TokenName.parse(form.get("name") ?? "");
    const { userId } = await requireUser();
    const { token } = await issueApiToken(userId, name);
    revalidatePath("/account");
    return { ok: true, data: { token } };
  } catch (error) {
    return actionError(error);
  }
}

/** Revokes an API token (a plain form post). */
export async function revokeApiTokenAction(form: FormData): Promise<void> {
  const tokenId = z.string().min(1).max(64).parse(form.get("tokenId"));
  const { userId } = await requireUser();
  await withdrawApiToken(userId, tokenId);
  revalidatePath("/account");
}

// Sign-in and sign-up are public by nature (they create the session); listed as such in the access tests.

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
