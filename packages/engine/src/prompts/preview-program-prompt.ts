import type { DataRow } from "../core/dataset";
import type { ProgramLanguage, TaskSpec } from "../core/task";
import { localSupplementary } from "../generation/gather-supplementary";
import type { Passage } from "./bm25-index";
import { buildProgramPrompt } from "./build-program-prompt";
import { infoRequestPrompt, infoTitle } from "./info-request-prompt";
import type { PromptTemplate } from "./prompt-template";
import type { InfoKind, SupplementaryItem } from "./supplementary-info";

/** What stands in the prompt where a stage-1 answer will go (it is only known after that call). */
export const STAGE1_PLACEHOLDER = "<the model's answer to the stage-1 request above>";

export interface ProgramPromptPreview {
  readonly system: string;
  readonly user: string;
  readonly supplementary: readonly SupplementaryItem[];
  /** Set when this kind has no local info: generation first sends this request, once per kind. */
  readonly stage1: { readonly kind: InfoKind; readonly prompt: string } | null;
}

/**
 * The exact program prompt `generatePrograms` sends for one info kind and program slot (same
 * supplementary selection, seeded exemplars, retrieval and template), without calling a model.
 * `rows` needs only the dev rows with gold (the exemplar pool), in dataset order.
 *
 * @example
 * const { system, user, stage1 } = previewProgramPrompt({ task, language: "python", kind: "examples", slot: 0, seed: 42, rows: devRows });
 */
export function previewProgramPrompt(o: {
  task: TaskSpec;
  language: ProgramLanguage;
  kind: InfoKind | null;
  slot: number;
  seed: number;
  rows: readonly DataRow[];
  userInfo?: Partial<Record<InfoKind, string>>;
  documents?: readonly Passage[];
  template?: Partial<PromptTemplate>;
  exemplarsPerClass?: number;
  twoStage?: boolean;
}): ProgramPromptPreview {
  const task = { ...o.task, language: o.language };
  let supplementary: SupplementaryItem[] = [];
  let stage1: ProgramPromptPreview["stage1"] = null;
  if (o.kind !== null) {
    const local = localSupplementary(o.kind, { ...o, task });
    if (local) supplementary = [local];
    else if (o.kind !== "retrieval") {
      stage1 = { kind: o.kind, prompt: infoRequestPrompt(task, o.kind) };
      supplementary = [{ kind: o.kind, title: infoTitle(o.kind), text: STAGE1_PLACEHOLDER, source: "llm" }];
    }
  }
  const prompt = buildProgramPrompt({ task, language: o.language, supplementary, ...(o.template ? { template: o.template } : {}) });
  return { system: prompt.system, user: prompt.user, supplementary, stage1 };
}
