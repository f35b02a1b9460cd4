import { AppError } from "./app-error";
import { toKnownError } from "./known-error";

/**
 * The JSON error response of a route: AppErrors with their status and message, anything else a
 * logged 500 without internals.
 *
 * @example
 * catch (error) { return errorResponse(error); }
 */
export function errorResponse(thrown: unknown): Response {
  const error = toKnownError(thrown);
  if (error instanceof AppError) {
    // 401 tells clients how to authenticate (RFC 9110); the cookie works too for browsers.
    const headers: HeadersInit = error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="alchemist"' } : {};
    return Response.json({ error: error.message, code: error.code }, { status: error.status, headers });
  }
  console.error("[route]", error);
  return Response.json({ error: "internal error; see the server log" }, { status: 500 });
}
