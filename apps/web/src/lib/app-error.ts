/** Codes the studio maps to HTTP statuses at the edge (routes, actions). */
export const APP_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED: 415,
  UNAVAILABLE: 503,
} as const;
export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

/**
 * An error a user can act on; its message is shown as is.
 *
 * @example
 * throw new AppError("NOT_FOUND", `project ${id} does not exist`);
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  constructor(code: AppErrorCode, message: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}
