import "server-only";
import { QUEUES, type TryProgramResult } from "@alchemist/jobs";
import { AppError } from "@/lib/app-error";
import { runAndWait } from "@/features/jobs";
import { createPassedChecks } from "./passed-checks";

/** A static-check error: 1-based line and column where the checker knows them. */
export interface CheckError {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

// The check parses the code in a sandbox: it takes milliseconds once a sandbox is up, seconds on a cold start.
const CHECK_WAIT_MS = 30_000;
// The check is a function of the code alone: code that passed in this process passes again.
const passedChecks = createPassedChecks(2000);

/**
 * A save refused because the code does not compile (or does not define the task's function);
 * the editor shows `checkErrors` on their lines.
 */
export class ProgramCheckFailed extends AppError {
  readonly checkErrors: readonly CheckError[];
  constructor(checkErrors: readonly CheckError[]) {
    const first = checkErrors[0];
    super(
      "BAD_REQUEST",
      `Not saved: the program does not compile${first?.line ? ` (line ${first.line})` : ""}: ${first?.message ?? "the static check failed"}. Fix it and save again.`,
    );
    this.checkErrors = checkErrors;
  }
}

/** The text stored for a program: LF line endings (browsers submit textareas with CRLF). */
export const normaliseSource = (source: string): string => source.replace(/\r\n?/g, "\n");

/**
 * Runs the runner's static check (the one "Run on sample" and generation use) on code about to
 * be saved, in the worker (program code never runs in the web process), and throws
 * `ProgramCheckFailed` with the errors when it does not compile. Code that already passed in
 * this process (same language, function name and source) is not sent again.
 *
 * @example
 * await assertProgramCompiles({ projectId, language: "python", functionName: "label_function", source }, actor.userId);
 */
export async function assertProgramCompiles(
  input: { projectId: string; language: "python" | "javascript"; functionName: string; source: string },
  actorId: string,
): Promise<void> {
  if (passedChecks.has(input)) return;
  const result = await runAndWait<typeof QUEUES.tryProgram, TryProgramResult>(QUEUES.tryProgram, { ...input, actorId, checkOnly: true }, CHECK_WAIT_MS);
  if (result.checkErrors.length > 0) throw new ProgramCheckFailed(result.checkErrors);
  passedChecks.add(input);
}
