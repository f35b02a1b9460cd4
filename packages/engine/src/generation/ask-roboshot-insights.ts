import type { RoboShotInsights } from "../images/roboshot-calibration";
import { insightPrompt, parseInsights } from "../prompts/roboshot-prompts";
import { askInfoOnce, type AskImageOptions } from "./ask-info-once";
import type { GenerationAttempt } from "./generation-types";

/**
 * RoboShot's LLM step: harmful (spurious) and helpful insights as pairs of contrasting
 * descriptions (`insightPrompt` / `parseInsights`), booked on the ledger and returned as an attempt.
 *
 * @example
 * const { insights } = await askRoboShotInsights({ task, provider, model: "gpt-4o-mini", ledger });
 */
export async function askRoboShotInsights(o: AskImageOptions): Promise<{ insights: RoboShotInsights; attempt: GenerationAttempt }> {
  const attempt = await askInfoOnce(o, "insights", insightPrompt(o.task));
  return { insights: parseInsights(attempt.response), attempt };
}
