import "server-only";
import { isAPIError } from "better-auth/api";
import { AppError } from "@/lib/app-error";

/**
 * Turns better-auth's APIError into an AppError with a message fit for the form (its messages
 * are user-facing: "Invalid email or password", "User already exists ..."), leaving other errors
 * as they are for the generic handler.
 *
 * @example
 * try { await getAuth().api.signInEmail(...) } catch (e) { throw toAppError(e); }
 */
export function toAppError(error: unknown): unknown {
  if (!isAPIError(error)) return error;
  const message = (error.body as { message?: string } | undefined)?.message ?? error.message ?? "sign-in failed";
  const status = typeof error.statusCode === "number" ? error.statusCode : 400;
  const code = status === 401 ? "UNAUTHENTICATED" : status === 403 ? "FORBIDDEN" : status === 422 || status === 409 ? "CONFLICT" : "BAD_REQUEST";
  return new AppError(code, message);
}

/**
 * A same-site path to continue to after sign-in, or "/projects" (never another origin).
 *
 * @example
 * safeNext("//evil.example"); // "/projects"
 */
export function safeNext(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith("/sign-") ? value : "/projects";
}
