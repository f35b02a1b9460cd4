import { ABSTAIN } from "../core/label-matrix";
import type { Program, ProgramRunner } from "../core/program";
import { smokeRun } from "./smoke-run";

export interface ValidationOptions {
  /** Reject when more than this share of sample rows fault (default 0.2). */
  readonly maxFaultRate?: number;
  /** Reject when the program votes on fewer than this share of sample rows (default 0.1). */
  readonly minCoverage?: number;
  /** Reject when accuracy on the dev sample rows it votes on is below this (default: off). */
  readonly minDevAccuracy?: number;
}

/** Rows a candidate is smoke-run on: inputs, and gold for dev rows (-1 where unknown). */
export interface ValidationSample {
  readonly inputs: readonly unknown[];
  readonly gold: readonly number[];
  readonly display: readonly string[];
}

export interface Verdict {
  readonly ok: boolean;
  /** `compile`, `missing-function`, `faults`, `constant`, `coverage`, `dev-accuracy`, `empty`. */
  readonly reason?: string;
  /** What is sent back to the model for a repair. */
  readonly feedback?: string;
  readonly coverage?: number;
  readonly faultRate?: number;
  readonly devAccuracy?: number | null;
}

const DEFINES = {
  python: (name: string) => new RegExp(`^\\s*def\\s+${name}\\s*\\(`, "m"),
  javascript: (name: string) => new RegExp(`(function\\s+${name}\\s*\\(|(const|let|var)\\s+${name}\\s*=)`),
};

/**
 * Validates a generated program: static check, the function defined, then a smoke run over the
 * sample rows in the sandbox; rejects compile errors, a missing function, too many faults,
 * constant output, low coverage and (optionally) low dev accuracy, with feedback for a repair.
 *
 * @example
 * const verdict = await validateProgram(program, runner, sample, classNames, { minCoverage: 0.1 });
 * if (!verdict.ok) console.log(verdict.reason, verdict.feedback);
 */
export async function validateProgram(
  program: Program,
  runner: ProgramRunner,
  sample: ValidationSample,
  classNames: readonly string[],
  options: ValidationOptions = {},
  signal?: AbortSignal,
): Promise<Verdict> {
  if (program.source.trim() === "") return { ok: false, reason: "empty", feedback: "The answer contained no code." };
  const check = await runner.check(program);
  if (!check.ok) {
    const e = check.errors[0];
    return {
      ok: false,
      reason: "compile",
      feedback: `It does not compile${e?.line !== undefined ? ` (line ${e.line})` : ""}: ${e?.message ?? "static check failed"}`,
    };
  }
  if (!DEFINES[program.language](program.functionName).test(program.source)) {
    return { ok: false, reason: "missing-function", feedback: `It does not define the function ${program.functionName}.` };
  }
  const n = sample.inputs.length;
  const { votes, faults, firstError } = await smokeRun(program, runner, sample.inputs, classNames, signal);
  const faultRate = n === 0 ? 0 : faults / n;
  const voted = votes.filter((v) => v !== ABSTAIN);
  const coverage = n === 0 ? 0 : voted.length / n;
  const graded = votes.map((v, i) => ({ v, g: sample.gold[i]!, i })).filter((x) => x.v !== ABSTAIN && x.g >= 0);
  const devAccuracy = graded.length === 0 ? null : graded.filter((x) => x.v === x.g).length / graded.length;
  const stats = { coverage, faultRate, devAccuracy };
  const maxFaultRate = options.maxFaultRate ?? 0.2;
  if (faultRate > maxFaultRate) {
    return {
      ok: false,
      reason: "faults",
      feedback: `It failed on ${faults} of ${n} sample rows (${(faultRate * 100).toFixed(0)}%, limit ${(maxFaultRate * 100).toFixed(0)}%). First error: ${firstError ?? "unknown"}`,
      ...stats,
    };
  }
  if (n > 1 && new Set(votes).size === 1) {
    const only = votes[0]!;
    return {
      ok: false,
      reason: "constant",
      feedback: `It returned ${only} for every one of ${n} sample rows; it must distinguish the classes (or return -1 when unsure).`,
      ...stats,
    };
  }
  const minCoverage = options.minCoverage ?? 0.1;
  if (coverage < minCoverage) {
    return {
      ok: false,
      reason: "coverage",
      feedback: `It labeled only ${voted.length} of ${n} sample rows (${(coverage * 100).toFixed(1)}%, need ${(minCoverage * 100).toFixed(0)}%); return -1 less often.`,
      ...stats,
    };
  }
  if (options.minDevAccuracy !== undefined && devAccuracy !== null && devAccuracy < options.minDevAccuracy) {
    const wrong = graded.filter((x) => x.v !== x.g).slice(0, 5);
    const rows = wrong
      .map((x) => `- returned ${x.v} (${classNames[x.v]}), correct ${x.g} (${classNames[x.g]}): ${sample.display[x.i]!.slice(0, 200).replace(/\s+/g, " ")}`)
      .join("\n");
    return {
      ok: false,
      reason: "dev-accuracy",
      feedback: `Its accuracy on labeled rows is ${(devAccuracy * 100).toFixed(1)}% (need ${(options.minDevAccuracy * 100).toFixed(0)}%). Misclassified rows:\n${rows}`,
      ...stats,
    };
  }
  return { ok: true, ...stats };
}
