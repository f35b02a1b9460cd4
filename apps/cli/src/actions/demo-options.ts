import type { ProgramLanguage } from "@alchemist/engine";
import type { RunLlmFlags } from "../llm/run-llm-options";
import type { ModelFlags } from "../model-options";

/** The parsed flags of `alchemist demo` (text and image demos share them). */
export type DemoOptions = ModelFlags &
  RunLlmFlags & {
    readonly out: string;
    readonly seed: number;
    readonly seedSize: number;
    readonly language: ProgramLanguage;
    readonly maxChars: number;
    readonly limit?: number;
    /** The image demo (shapes world) instead of SpamAssassin. */
    readonly images?: boolean;
    readonly features?: "embeddings" | "scores" | "both";
    /** false with --no-roboshot. */
    readonly roboshot?: boolean;
  };
