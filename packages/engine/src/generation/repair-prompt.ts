import type { Verdict } from "./validate-program";

/**
 * The follow-up message for a rejected program: what went wrong (error, faults, or a few
 * misclassified rows) and a request for the complete corrected function.
 *
 * @example
 * repairPrompt({ ok: false, reason: "compile", feedback: "It does not compile (line 3): invalid syntax" }, "label_function");
 */
export function repairPrompt(verdict: Verdict, functionName: string): string {
  return `Your function was rejected (${verdict.reason ?? "invalid"}). ${verdict.feedback ?? ""}\nFix it and answer with the complete corrected ${functionName} in one fenced code block.`;
}
