import { AppError } from "./app-error";

/**
 * Maps the user-facing errors of the db repositories (matched by name, so this module stays free
 * of server imports) to AppErrors: access denials become 404/403 without details, invitation and
 * last-owner refusals keep their message. Anything else comes back unchanged.
 *
 * @example
 * const mapped = toKnownError(error); // AppError or the original error
 */
export function toKnownError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof AppError) return error;
  switch (error.name) {
    case "AccessDeniedError":
      return (error as Error & { reason?: string }).reason === "forbidden" ? new AppError("FORBIDDEN", "your role does not allow this") : new AppError("NOT_FOUND", "project not found");
    case "LastOwnerError":
    case "InvitationError":
      return new AppError("CONFLICT", error.message);
    default:
      return error;
  }
}
