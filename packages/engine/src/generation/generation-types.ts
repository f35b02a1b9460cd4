import type { DataRow } from "../core/dataset";
import type { Program, ProgramRunner } from "../core/program";
import type { ProgramLanguage, TaskSpec } from "../core/task";
import type { CostLedger, LedgerTotals } from "../llm/cost-ledger";
import type { LlmProvider } from "../llm/llm-provider";
import type { Passage } from "../prompts/bm25-index";
import type { PromptTemplate } from "../prompts/prompt-template";
import type { InfoKind, SupplementaryItem } from "../prompts/supplementary-info";
import type { ValidationOptions, Verdict } from "./validate-program";

export interface GenerateOptions {
  readonly task: TaskSpec;
  readonly rows: readonly DataRow[];
  readonly provider: LlmProvider;
  readonly model: string;
  readonly runner: ProgramRunner;
  readonly ledger: CostLedger;
  /** Accepted programs wanted. */
  readonly n: number;
  readonly language?: ProgramLanguage;
  /** Cycled over programs (Sec. 4.4 diversity); default [0.7]. */
  readonly temperatures?: readonly number[];
  /** Cycled over programs; `[]` means the plain prompt. */
  readonly infoKinds?: readonly InfoKind[];
  /** User-written items per kind (keywords, rules, descriptions, examples); missing kinds come from stage 1 (LLM) or the data. */
  readonly userInfo?: Partial<Record<InfoKind, string>>;
  /** Ask the model for rules/keywords/descriptions/examples first even when the user gave none (two-stage). */
  readonly twoStage?: boolean;
  readonly documents?: readonly Passage[];
  readonly exemplarsPerClass?: number;
  readonly repairRounds?: number;
  readonly validation?: ValidationOptions;
  readonly sampleSize?: number;
  readonly maxTokens?: number;
  readonly template?: Partial<PromptTemplate>;
  /** Image tasks (paper Sec. 3.3): the visual concepts; programs then take `{concept: score}` and the score prompt is used. */
  readonly concepts?: readonly string[];
  /** Model calls in flight at once (default 4); also bounds how far the budget can be overshot. */
  readonly concurrency?: number;
  readonly seed: number;
  /** Self-consistency: completions asked per prompt (default 1); `n` prompts then make `n x completions` candidates. */
  readonly completions?: number;
  /** Per prompt: context aimed at a weak spot (a round's targeted generation), put after the supplementary info. */
  readonly focus?: (prompt: number) => { readonly focus: string; readonly items: readonly SupplementaryItem[] } | undefined;
  /** Prepended to program names (e.g. `r2_` for round 2), so rounds never reuse a name. */
  readonly namePrefix?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: { readonly done: number; readonly total: number; readonly attempt: GenerationAttempt }) => void;
}

/** Provenance of one model call (a program attempt or a stage-1 info request). */
export interface GenerationAttempt {
  readonly id: string;
  readonly kind: "program" | "info";
  /** Program slot (0-based) or, for info requests, -1. */
  readonly slot: number;
  readonly round: number;
  readonly parent: string | null;
  readonly author: string;
  readonly provider: string;
  readonly model: string;
  readonly params: { readonly temperature: number; readonly maxTokens: number; readonly sampleIndex: number };
  readonly system: string;
  readonly prompt: string;
  readonly messages: number;
  readonly supplementary: readonly Pick<SupplementaryItem, "kind" | "title" | "source">[];
  readonly response: string;
  readonly raw: unknown;
  readonly code?: string;
  readonly fenced?: boolean;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly cached: boolean;
  readonly verdict?: Verdict;
}

export type GeneratedProgram = Program & { readonly description: string; readonly attemptId: string };

export interface GenerationResult {
  readonly programs: readonly GeneratedProgram[];
  readonly attempts: readonly GenerationAttempt[];
  readonly ledger: LedgerTotals;
  /** Slots that ended without an accepted program. */
  readonly failedSlots: number;
  /** Set when the budget stopped generation early. */
  readonly stoppedBy?: "budget";
}
