import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { EngineError, type PromptTemplate } from "@alchemist/engine";

const PARTS = ["system", "mission", "instruction", "signature"] as const satisfies readonly (keyof PromptTemplate)[];

/**
 * Reads a project's prompt edits (`--prompt-template FILE`, JSON or YAML): any of the program-prompt parts of
 * the paper's template, each a string; parts left out keep the defaults. Placeholders are checked
 * by the engine when the prompt is rendered.
 *
 * @example
 * const template = await readPromptTemplate("prompt.yaml"); // {mission: "Write a careful function in {language} to {task}"}
 */
export async function readPromptTemplate(file: string): Promise<Partial<PromptTemplate>> {
  let value: unknown;
  try {
    value = parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new EngineError("INVALID_ARGUMENT", `${file}: cannot read the prompt template (${(error as Error).message.split("\n")[0]})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new EngineError("INVALID_ARGUMENT", `${file}: a prompt template is a mapping of ${PARTS.join(", ")} to text`);
  }
  const template: Partial<Record<(typeof PARTS)[number], string>> = {};
  for (const [key, text] of Object.entries(value)) {
    if (!(PARTS as readonly string[]).includes(key))
      throw new EngineError("INVALID_ARGUMENT", `${file}: unknown prompt part "${key}" (known: ${PARTS.join(", ")})`);
    if (typeof text !== "string" || text.trim() === "") throw new EngineError("INVALID_ARGUMENT", `${file}: prompt part "${key}" must be non-empty text`);
    template[key as (typeof PARTS)[number]] = text;
  }
  return template;
}
