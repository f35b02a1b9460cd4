import type { RoboShotInsights } from "../images/roboshot-calibration";
import { meteredProvider } from "../llm/metered-provider";
import { insightPrompt, parseInsights } from "../prompts/roboshot-prompts";
import type { AskImageOptions } from "./ask-image-concepts";
import { callModel } from "./call-model";
import type { GenerationAttempt } from "./generation-types";

/**
 * RoboShot's LLM step: harmful (spurious) and helpful insights as pairs of contrasting
 * descriptions (`insightPrompt` / `parseInsights`), booked on the ledger and returned as an attempt.
 *
 * @example
 * const { insights } = await askRoboShotInsights({ task, provider, model: "gpt-4o-mini", ledger });
 */
export async function askRoboShotInsights(o: AskImageOptions): Promise<{ insights: RoboShotInsights; attempt: GenerationAttempt }> {
  const messages = [{ role: "user" as const, content: insightPrompt(o.task) }];
  const attempt = await callModel(meteredProvider(o.provider, o.ledger, 1), {
    id: "insights",
    kind: "info",
    slot: -1,
    round: 0,
    parent: null,
    model: o.model,
    temperature: 0,
    maxTokens: o.maxTokens ?? 1000,
    sampleIndex: 0,
    system: "",
    messages,
    supplementary: [],
    ...(o.signal ? { signal: o.signal } : {}),
  });
  return { insights: parseInsights(attempt.response), attempt };
}
