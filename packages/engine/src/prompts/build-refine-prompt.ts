import type { ProgramLanguage, TaskSpec } from "../core/task";
import { buildProgramPrompt } from "./build-program-prompt";
import type { PromptTemplate } from "./prompt-template";

/**
 * The refinement request ("ask the LLM to change this program"): the task's usual program prompt
 * (context, classes, signature), then the current function and the user's instruction. Returns the
 * system prompt and the first user turn; rejected answers are repaired with `repairPrompt`, as in
 * generation.
 *
 * @example
 * const { system, user } = buildRefinePrompt({ task, language: "python", source, instruction: "it also labels \"winner\" as spam" });
 */
export function buildRefinePrompt(o: { task: TaskSpec; language: ProgramLanguage; source: string; instruction: string; template?: Partial<PromptTemplate> }): {
  system: string;
  user: string;
} {
  const base = buildProgramPrompt({
    task: { ...o.task, language: o.language },
    language: o.language,
    supplementary: [],
    ...(o.template ? { template: o.template } : {}),
  });
  const user = [
    base.user,
    `Here is the current version of the function:\n\n\`\`\`${o.language}\n${o.source.trimEnd()}\n\`\`\``,
    `Change it so that: ${o.instruction.trim()}`,
    `Keep everything else it does unless the change requires otherwise. Answer with the complete changed ${o.task.functionName} in one fenced code block.`,
  ].join("\n\n");
  return { system: base.system, user };
}
