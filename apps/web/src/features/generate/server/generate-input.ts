import { z } from "zod";

export const PROVIDERS = ["builtin", "openai", "anthropic", "openai-compatible"] as const;
export const GENERATE_INFO_KINDS = ["descriptions", "examples", "keywords", "rules", "retrieval"] as const;

const temperatures = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(Number)
      : v,
  z
    .array(z.number({ error: "Temperatures are numbers, e.g. 0.7, 1.0" }).min(0, "Temperatures are in 0..2").max(2, "Temperatures are in 0..2"))
    .min(1, "Give at least one temperature")
    .max(8, "At most 8 temperatures"),
);

/**
 * The Generate form: what to ask for and the spend cap of this request.
 *
 * @example
 * const input = GenerateInput.parse({ projectId, provider: "openai", model: "gpt-4o-mini", n: 10, infoKinds: ["keywords"], temperatures: "0.7, 1", language: "python" });
 */
export const GenerateInput = z
  .object({
    projectId: z.string().min(1).max(100),
    provider: z.enum(PROVIDERS),
    model: z.string().trim().max(200).default(""),
    n: z.coerce.number().int("Number of programs must be a whole number").min(1, "Ask for at least 1 program").max(50, "At most 50 programs per request"),
    infoKinds: z.array(z.enum(GENERATE_INFO_KINDS)).max(5).default([]),
    temperatures: temperatures.default([0.7]),
    language: z.enum(["python", "javascript"]),
    /** Spend at most this much on this request (dollars); empty = only the project's budget applies. */
    budgetUsd: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().min(0, "The budget is >= 0").max(10_000).optional()),
    repairRounds: z.coerce.number().int().min(0).max(5).default(2),
    maxTokens: z.coerce.number().int().min(64).max(16_000).default(1500),
  })
  .refine((i) => i.provider === "builtin" || i.model !== "", { message: "Name the model, e.g. gpt-4o-mini", path: ["model"] });
export type GenerateInput = z.infer<typeof GenerateInput>;
