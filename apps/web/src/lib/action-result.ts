import { formatZodIssues } from "@alchemist/engine";
import { z } from "zod";
import { AppError } from "./app-error";
import { toKnownError } from "./known-error";

/** What a server action returns to its form: an error message to show, or success data. */
export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: string };

/**
 * Turns a thrown error into an action result: AppError (401/403/404 included: their messages name
 * no project data) and zod messages are shown to the user, anything else is logged and reported generically (it may carry internals).
 *
 * @example
 * try { ... } catch (error) { return actionError(error); }
 */
export function actionError(thrown: unknown): { ok: false; error: string } {
  const error = toKnownError(thrown);
  if (error instanceof AppError) return { ok: false, error: error.message };
  if (error instanceof z.ZodError) return { ok: false, error: formatZodIssues(error) };
  console.error("[action]", error);
  return { ok: false, error: "Something went wrong on the server; see its log." };
}
