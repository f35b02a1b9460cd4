import { z } from "zod";

/**
 * The "Next round" form: which LLM writes the aimed programs and how many per round.
 *
 * @example
 * const input = NextRoundInput.parse({ projectId, provider: "openai", model: "gpt-4o-mini", n: "3" });
 */
export const NextRoundInput = z.object({
  projectId: z.string().min(1),
  provider: z.enum(["openai", "anthropic", "openai-compatible"], { error: "pick an LLM provider: a round asks an LLM for programs aimed at the weak spots" }),
  model: z.string().trim().min(1, "name the model, e.g. gpt-4o-mini").max(200),
  n: z.coerce.number().int().min(1, "ask for at least 1 program").max(20, "at most 20 programs per round"),
  /** Disable the programs pruning flags (a checkbox: "on" when checked). */
  prune: z.preprocess((v) => v === "on" || v === true, z.boolean()),
});
export type NextRoundInput = z.infer<typeof NextRoundInput>;
