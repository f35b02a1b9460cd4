export type ProgramLanguage = "python" | "javascript";

export interface TaskClass {
  readonly name: string;
  readonly description: string;
}

/** What to label and how programs are called. Class order defines class indices. */
export interface TaskSpec {
  readonly name: string;
  readonly description: string;
  /** The field passed to programs; a list passes a `{field: value}` record. */
  readonly input: string | readonly string[];
  readonly language: ProgramLanguage;
  readonly functionName: string;
  readonly classes: readonly TaskClass[];
  /** `image`: rows are pictures and programs read `{concept: CLIP score}` records (input `scores`); default text. */
  readonly kind?: "text" | "image";
}
