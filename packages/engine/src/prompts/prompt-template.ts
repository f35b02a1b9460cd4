/**
 * The editable parts of the program prompt. Placeholders: `{language}` (python/javascript),
 * `{task}` (the task description, first letter lower-cased), `{classes}` ("ham or spam"),
 * `{function}` (the function name), `{mapping}` (one "index: class (description)" line each).
 */
export interface PromptTemplate {
  readonly system: string;
  readonly mission: string;
  readonly instruction: string;
  readonly signature: string;
  /** The zero-shot baseline prompt; `{text}` is the row. */
  readonly zeroShot: string;
}

/** The paper's prompts (App. B) and the reference implementation's system prompt. */
export const DEFAULT_TEMPLATE: PromptTemplate = {
  system:
    "You are a helpful assistant to write labeling function for {task} Be creative and original. Labeling function should consider conditions globally and wisely.",
  mission: "Write a bug-free and executable function in {language} to {task}",
  instruction: "The function returns the class index:\n{mapping}\nIf the class cannot be determined, return -1, but use this cautiously.",
  signature:
    "Use this signature and only the {language} standard library (no files, network or installs):\n{signature}\nAnswer with the complete function in one fenced code block.",
  zeroShot: "what is the category of this text: {text}\nAnswer with exactly one of: {classes}.",
};
