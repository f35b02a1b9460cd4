import { AppError } from "./app-error";

/**
 * The JSON error response of a route: AppErrors with their status and message, anything else a
 * logged 500 without internals.
 *
 * @example
 * catch (error) { return errorResponse(error); }
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json({ error: error.message, code: error.code }, { status: error.status });
  console.error("[route]", error);
  return Response.json({ error: "internal error; see the server log" }, { status: 500 });
}
