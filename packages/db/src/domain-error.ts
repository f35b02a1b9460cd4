/**
 * What kind of failure a user can cause and act on. The web edge maps the code to an HTTP status
 * (`apps/web/src/lib/known-error.ts`): NOT_FOUND 404, INVALID 400, CONFLICT 409 (the data is not
 * in the state the action needs), FORBIDDEN 403.
 */
export type DomainErrorCode = "NOT_FOUND" | "INVALID" | "CONFLICT" | "FORBIDDEN";

/**
 * The one error db repositories and worker services throw for failures a user can cause; the
 * message says what happened and what to do, and is shown as is (web responses, `Job.error`).
 * Invariant failures no user can cause stay plain `Error`s (a generic 500 at the edge).
 *
 * @example
 * throw new DomainError("CONFLICT", `run ${run.id} has no pseudolabels yet: fit its label model first, then export`);
 */
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Whether `value` is a DomainError.
 *
 * @example
 * if (isDomainError(error) && error.code === "NOT_FOUND") notFound();
 */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
