import type { ProgramLanguage, TaskSpec } from "../core/task";
import { DEFAULT_TEMPLATE, type PromptTemplate } from "./prompt-template";
import { renderTemplate } from "./render-template";
import { renderSupplementary, type SupplementaryItem } from "./supplementary-info";

export interface ProgramPrompt {
  readonly system: string;
  readonly user: string;
  readonly parts: { readonly context: string; readonly mission: string; readonly instruction: string; readonly signature: string };
}

function signatureLine(task: TaskSpec, language: ProgramLanguage, inputType: "text" | "scores"): string {
  const record = Array.isArray(task.input);
  const fields = record ? (task.input as readonly string[]).join(", ") : "";
  if (language === "python") {
    if (inputType === "scores") return `def ${task.functionName}(scores: dict) -> int:  # scores maps each description to a float in [0, 1]`;
    return record ? `def ${task.functionName}(x: dict) -> int:  # keys: ${fields}` : `def ${task.functionName}(text: str) -> int:`;
  }
  if (inputType === "scores") return `function ${task.functionName}(scores) { /* scores: {description: number in [0, 1]}; returns a number */ }`;
  return record
    ? `function ${task.functionName}(x) { /* x: {${fields}}; returns a number */ }`
    : `function ${task.functionName}(text) { /* returns a number */ }`;
}

/** Template values for a task: `{task}`, `{classes}`, `{mapping}`, `{function}`, `{language}`. */
export function templateValues(task: TaskSpec, language: ProgramLanguage): Record<string, string> {
  const description = task.description.trim() || `label ${task.name}`;
  const names = task.classes.map((c) => c.name);
  return {
    // "Label SMS ..." -> "label SMS ...", but keep acronyms ("WRENCH ...") as written
    task: /^[A-Z][a-z]/.test(description) ? description.charAt(0).toLowerCase() + description.slice(1) : description,
    language,
    function: task.functionName,
    classes: names.length === 2 ? `${names[0]} or ${names[1]}` : `${names.slice(0, -1).join(", ")}, or ${names.at(-1)}`,
    mapping: task.classes.map((c, i) => `${i}: ${c.name}${c.description ? ` (${c.description})` : ""}`).join("\n"),
  };
}

/**
 * The paper's program prompt, in order: supplementary context, mission statement, labeling
 * instruction (class -> index, -1 when undetermined), function signature; plus the system prompt.
 *
 * @example
 * const { system, user } = buildProgramPrompt({ task, language: "python", supplementary: [] });
 * // user starts "Write a bug-free and executable function in python to label SMS text messages as spam or ham."
 */
export function buildProgramPrompt(options: {
  task: TaskSpec;
  language: ProgramLanguage;
  supplementary: readonly SupplementaryItem[];
  template?: Partial<PromptTemplate>;
  inputType?: "text" | "scores";
}): ProgramPrompt {
  const template = { ...DEFAULT_TEMPLATE, ...options.template };
  const values = { ...templateValues(options.task, options.language), signature: signatureLine(options.task, options.language, options.inputType ?? "text") };
  const parts = {
    context: renderSupplementary(options.supplementary),
    mission: renderTemplate(template.mission, values),
    instruction: renderTemplate(template.instruction, values),
    signature: renderTemplate(template.signature, values),
  };
  const user = [parts.context, parts.mission, parts.instruction, parts.signature].filter((p) => p.trim() !== "").join("\n\n");
  return { system: renderTemplate(template.system, values), user, parts };
}
