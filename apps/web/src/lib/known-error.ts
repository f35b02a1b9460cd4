import { DomainError, type DomainErrorCode } from "@alchemist/db/errors";
import { EngineError, type EngineErrorCode } from "@alchemist/engine";
import { AppError, type AppErrorCode } from "./app-error";

const DOMAIN_STATUS: Record<DomainErrorCode, AppErrorCode> = { NOT_FOUND: "NOT_FOUND", INVALID: "BAD_REQUEST", CONFLICT: "CONFLICT", FORBIDDEN: "FORBIDDEN" };

// Every engine code is decided here (the Record makes a new code fail typecheck until it is).
// RUNNER_FAILED stays a 500: its message can carry a sandbox's internals.
const ENGINE_STATUS: Record<EngineErrorCode, AppErrorCode | null> = {
  INVALID_ARGUMENT: "BAD_REQUEST",
  DATASET_READ: "BAD_REQUEST",
  DATASET_PARSE: "BAD_REQUEST",
  FIELD_NOT_FOUND: "BAD_REQUEST",
  TASK_INVALID: "BAD_REQUEST",
  PROGRAM_INVALID: "BAD_REQUEST",
  PROGRAMS_DIR_INVALID: "BAD_REQUEST",
  MODEL_INVALID: "BAD_REQUEST",
  BUDGET_EXCEEDED: "CONFLICT",
  ABORTED: "CONFLICT",
  LLM_FAILED: "UNAVAILABLE",
  GENERATION_FAILED: "UNAVAILABLE",
  RUNNER_FAILED: null,
};

/**
 * The one place errors from below the web edge become HTTP: the db's and worker's coded
 * `DomainError` and the engine's `EngineError` map to the AppError of their code, keeping their
 * message (it says what happened and what to do). AppErrors and anything else come back
 * unchanged (anything else is a logged 500 without details).
 *
 * @example
 * const mapped = toKnownError(error); // AppError or the original error
 */
export function toKnownError(error: unknown): unknown {
  if (error instanceof DomainError) return new AppError(DOMAIN_STATUS[error.code], error.message);
  if (error instanceof EngineError) {
    const code = ENGINE_STATUS[error.code];
    return code ? new AppError(code, error.message) : error;
  }
  return error;
}
