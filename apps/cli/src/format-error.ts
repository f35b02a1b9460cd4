import { CommanderError } from "commander";
import { isEngineError, type EngineErrorCode } from "@alchemist/engine";

export interface FormattedError {
  /** One line, without the `alchemist: ` prefix; empty when commander already printed it. */
  readonly message: string;
  readonly exitCode: number;
}

const RUNTIME_CODES: readonly EngineErrorCode[] = ["RUNNER_FAILED", "ABORTED", "LLM_FAILED", "BUDGET_EXCEEDED", "GENERATION_FAILED"];

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/**
 * Maps an error to the CLI's one-line message and exit code: 2 for bad input (usage errors and
 * engine input errors), 1 for runtime failures.
 *
 * @example
 * formatError(new EngineError("TASK_INVALID", "task.yaml: classes: needs >= 2 classes")); // exit 2
 */
export function formatError(error: unknown): FormattedError {
  if (error instanceof CommanderError) {
    const ok = ["commander.helpDisplayed", "commander.help", "commander.version"].includes(error.code);
    return { message: "", exitCode: ok ? 0 : 2 };
  }
  if (isEngineError(error)) {
    const file = typeof error.details.file === "string" ? error.details.file : undefined;
    const message = file && !error.message.includes(file) ? `${file}: ${error.message}` : error.message;
    return { message: oneLine(message), exitCode: RUNTIME_CODES.includes(error.code) ? 1 : 2 };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: oneLine(message), exitCode: 1 };
}
