import type { CliEnv } from "./env";
import { createProgress, type Progress } from "./progress";

/** What every command gets from `main`: parsed env and the Ctrl-C abort signal. */
export interface CliContext {
  readonly env: CliEnv;
  readonly signal: AbortSignal;
}

/**
 * Progress bars when stderr is a terminal (and not disabled), plain stage lines otherwise.
 *
 * @example
 * const progress = progressFor(ctx);
 */
export function progressFor(ctx: CliContext): Progress {
  return createProgress({ bars: process.stderr.isTTY === true && !ctx.env.ALCHEMIST_NO_PROGRESS });
}

/** Bold text on stdout only for a terminal that allows colour. */
export function boldFor(ctx: CliContext): boolean {
  return process.stdout.isTTY === true && !ctx.env.NO_COLOR;
}
