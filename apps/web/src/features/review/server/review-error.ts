import "server-only";
import { AppError } from "@/lib/app-error";

/**
 * Runs a review repository call, turning its ReviewError (matched by name) into the AppError
 * with the same code so the edge shows its message with the right status.
 *
 * @example
 * const page = await asAppError(() => readReviewQueue(prisma, input));
 */
export async function asAppError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && error.name === "ReviewError") {
      const code = (error as Error & { code: "NOT_FOUND" | "BAD_REQUEST" | "CONFLICT" | "FORBIDDEN" }).code;
      throw new AppError(code, error.message);
    }
    throw error;
  }
}
