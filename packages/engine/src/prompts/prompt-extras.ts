import type { TaskSpec } from "../core/task";
import { programInput } from "../datasets/program-input";
import type { Passage } from "./bm25-index";
import type { PromptTemplate } from "./prompt-template";
import { renderExemplars } from "./sample-exemplars";
import type { InfoKind } from "./supplementary-info";

/** What `generatePrograms` / `previewProgramPrompt` take from the task page. */
export interface PromptExtras {
  readonly userInfo: Partial<Record<InfoKind, string>>;
  readonly documents: readonly Passage[];
  readonly template: Partial<PromptTemplate>;
}

/**
 * Turns the task page's stored supplementary info into generation options: non-empty keywords
 * and rules as user info, picked exemplar rows (with the label a person gave them) rendered as
 * the "examples" info, document chunks as retrieval passages, the edited template parts.
 *
 * @example
 * const extras = promptExtras({ task, keywords: "spam: free", rules: "", exemplars: [{ fields: { text: "WIN" }, label: 1 }], passages: [], template: {} });
 * extras.userInfo.examples; // "spam (1): WIN"
 */
export function promptExtras(o: {
  task: TaskSpec;
  keywords: string;
  rules: string;
  exemplars: readonly { fields: Record<string, unknown>; label: number }[];
  passages: readonly Passage[];
  template: Partial<PromptTemplate>;
}): PromptExtras {
  const userInfo: Partial<Record<InfoKind, string>> = {};
  if (o.keywords.trim()) userInfo.keywords = o.keywords.trim();
  if (o.rules.trim()) userInfo.rules = o.rules.trim();
  if (o.exemplars.length > 0) {
    const picked = o.exemplars.map((e) => {
      const input = programInput({ id: "", fields: e.fields, split: "dev" }, o.task.input);
      const text = typeof input === "string" ? input : JSON.stringify(input);
      return { text: text.length > 400 ? `${text.slice(0, 400)}...` : text, label: e.label };
    });
    userInfo.examples = renderExemplars(picked, o.task);
  }
  return { userInfo, documents: o.passages, template: o.template };
}
