"use server";

import { redirect } from "next/navigation";
import { actionError, type ActionResult } from "@/lib/action-result";
import { requireUser } from "@/features/auth";
import { CreateProjectInput, createProjectService } from "./server/create-project";

/**
 * Form action of "New project": creates it and opens its page.
 *
 * @example
 * const [state, action] = useActionState(createProjectAction, null);
 */
export async function createProjectAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  let id: string;
  try {
    const input = CreateProjectInput.parse({ name: form.get("name") ?? "", description: form.get("description") ?? "" });
    const { userId } = await requireUser();
    id = (await createProjectService(input, userId)).id;
  } catch (error) {
    return actionError(error);
  }
  redirect(`/projects/${id}`);
}
