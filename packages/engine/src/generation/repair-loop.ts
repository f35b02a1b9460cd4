import { extractCode } from "../llm/extract-code";
import type { LlmMessage } from "../llm/llm-provider";
import type { Program } from "../core/program";
import type { ProgramLanguage } from "../core/task";
import { repairPrompt } from "./repair-prompt";
import type { Verdict } from "./validate-program";

/** One round of the loop: what the model said, the code taken from it and the verdict on it. */
export interface RepairRound {
  readonly round: number;
  /** The user message this round answered. */
  readonly prompt: string;
  readonly response: string;
  readonly code: string;
  /** Whether the code came from a fenced block. */
  readonly fenced: boolean;
  readonly program: Program;
  readonly verdict: Verdict;
}

/**
 * The ask-validate-repair loop that generation and refinement share: ask the model, take the code
 * from its answer, validate it (sandboxed), and while it is rejected send the rejection back
 * (`repairPrompt`) for up to `rounds` fixes. `ask` makes the call (and books it); `onRound` sees
 * every round as it ends (to store attempts). Returns the accepted round, if any.
 *
 * @example
 * const { accepted } = await repairLoop({ first: prompt.user, rounds: 2, language: "python", functionName: "label_function",
 *   name: (r) => `cand_r${r}`, ask: (messages, r) => provider.complete({ system, messages, model, sampleIndex: r }).then((x) => x.text),
 *   validate: (p) => validateProgram(p, runner, sample, classNames) });
 */
export async function repairLoop(o: {
  readonly first: string;
  readonly rounds: number;
  readonly language: ProgramLanguage;
  readonly functionName: string;
  readonly name: (round: number) => string;
  readonly ask: (messages: readonly LlmMessage[], round: number) => Promise<string>;
  readonly validate: (program: Program, round: number) => Promise<Verdict>;
  readonly onRound?: (round: RepairRound) => Promise<void> | void;
  readonly signal?: AbortSignal;
}): Promise<{ readonly accepted?: RepairRound; readonly last?: RepairRound }> {
  const messages: LlmMessage[] = [{ role: "user", content: o.first }];
  let last: RepairRound | undefined;
  for (let round = 0; round <= o.rounds; round++) {
    o.signal?.throwIfAborted();
    const response = await o.ask(messages, round);
    const { code, fenced } = extractCode(response, o.language, o.functionName);
    const program: Program = { name: o.name(round), language: o.language, functionName: o.functionName, source: `${code.trimEnd()}\n` };
    const verdict = await o.validate(program, round);
    last = { round, prompt: messages.at(-1)!.content, response, code, fenced, program, verdict };
    await o.onRound?.(last);
    if (verdict.ok) return { accepted: last, last };
    messages.push({ role: "assistant", content: response }, { role: "user", content: repairPrompt(verdict, o.functionName) });
  }
  return last ? { last } : {};
}
