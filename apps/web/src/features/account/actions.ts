"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionError, type ActionResult } from "@/lib/action-result";
import { requireUser } from "@/features/auth/server/authorize";
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
