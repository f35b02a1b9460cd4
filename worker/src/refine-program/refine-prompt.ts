import { buildProgramPrompt, type ProgramLanguage, type PromptTemplate, type TaskSpec } from "@alchemist/engine";

/**
 * The refinement request: the task's usual program prompt (context, classes, signature), then the
 * current function and the user's instruction. Returns the system prompt and the first user turn.
 *
 * @example
 * const { system, user } = refinePrompt({ task, language: "python", source, instruction: "it also labels \"winner\" as spam" });
 */
export function refinePrompt(o: { task: TaskSpec; language: ProgramLanguage; source: string; instruction: string; template?: Partial<PromptTemplate> }): { system: string; user: string } {
  const base = buildProgramPrompt({ task: { ...o.task, language: o.language }, language: o.language, supplementary: [], ...(o.template ? { template: o.template } : {}) });
  const user = [
    base.user,
    `Here is the current version of the function:\n\n\`\`\`${o.language}\n${o.source.trimEnd()}\n\`\`\``,
    `Change it so that: ${o.instruction.trim()}`,
    `Keep everything else it does unless the change requires otherwise. Answer with the complete changed ${o.task.functionName} in one fenced code block.`,
  ].join("\n\n");
  return { system: base.system, user };
}

/**
 * The follow-up turn for a rejected candidate (same wording as generation's repair round).
 *
 * @example
 * refineRepairPrompt("compile", "It does not compile (line 3): invalid syntax", "label_function");
 */
export function refineRepairPrompt(reason: string, feedback: string, functionName: string): string {
  return `Your function was rejected (${reason}). ${feedback}\nFix it and answer with the complete corrected ${functionName} in one fenced code block.`;
}
