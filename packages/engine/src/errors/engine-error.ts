/** Machine-readable error codes raised by the engine; the CLI and the web edge map them to exits/HTTP. */
export type EngineErrorCode =
  | "INVALID_ARGUMENT"
  | "DATASET_READ"
  | "DATASET_PARSE"
  | "FIELD_NOT_FOUND"
  | "TASK_INVALID"
  | "PROGRAM_INVALID"
  | "PROGRAMS_DIR_INVALID"
  | "RUNNER_FAILED"
  | "ABORTED"
  | "LLM_FAILED"
  | "BUDGET_EXCEEDED"
  | "GENERATION_FAILED"
  | "MODEL_INVALID";

/**
 * The one error type the engine throws. `code` is stable; `message` names the file, line or
 * numbers involved so a user can act on it.
 *
 * @example
 * throw new EngineError("DATASET_PARSE", `data.csv line 12: unclosed quote`, { file: "data.csv", line: 12 });
 */
export class EngineError extends Error {
  override readonly name = "EngineError";
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError;
}
