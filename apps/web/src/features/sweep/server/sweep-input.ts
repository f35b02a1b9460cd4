import { z } from "zod";
import { SweepGrid } from "@alchemist/jobs";

const numbers = (what: string) =>
  z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(/[\s,]+/)
            .filter(Boolean)
            .map(Number)
        : v,
    z.array(z.number({ error: `${what} are numbers separated by commas, e.g. 1, 2, 5` })),
  );

/**
 * The sweep form: which LLM writes the programs, and the grid (program counts and temperatures
 * typed as comma lists, info kinds as checkboxes), checked against the worker's `SweepGrid`.
 *
 * @example
 * const input = SweepInput.parse({ projectId, provider: "openai", model: "gpt-4o-mini", programs: "1, 2, 5", info: ["none"], temperatures: "0.3", zeroShotSample: "20" });
 */
export const SweepInput = z.object({
  projectId: z.string().min(1),
  provider: z.enum(["openai", "anthropic", "openai-compatible"], { error: "pick an LLM provider: a sweep compares LLM-written programs" }),
  model: z.string().trim().min(1, "name the model, e.g. gpt-4o-mini").max(200),
  programs: numbers("Program counts").pipe(SweepGrid.shape.programs),
  info: SweepGrid.shape.info,
  temperatures: numbers("Temperatures").pipe(SweepGrid.shape.temperatures),
  zeroShotSample: z.coerce.number().pipe(SweepGrid.shape.zeroShotSample),
});
export type SweepInput = z.infer<typeof SweepInput>;
