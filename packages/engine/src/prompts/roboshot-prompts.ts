import type { TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";
import type { RoboShotInsights } from "../images/roboshot-calibration";

/**
 * RoboShot's insight prompt: the LLM names spurious (harmful) and class-relevant (helpful)
 * visual features, each as a pair of contrasting descriptions, as JSON.
 *
 * @example
 * insightPrompt(task); // 'We classify images as "landbird" or "waterbird" ... {"harmful": [["...", "..."]], "helpful": [...]}'
 */
export function insightPrompt(task: TaskSpec): string {
  const classes = task.classes.map((c) => `"${c.name}"${c.description ? ` (${c.description})` : ""}`).join(" or ");
  return `We classify images as ${classes}.${task.description ? ` ${task.description}` : ""} A vision-language model compares each image with short text descriptions. List visual features that are SPURIOUS (harmful: they often co-occur with a class in photos but do not define it, e.g. the background) and features that are HELPFUL (they truly tell the classes apart). Give each feature as a pair of short contrasting descriptions, e.g. ["a water background", "a land background"]. Answer with JSON only: {"harmful": [["...", "..."], ...], "helpful": [["...", "..."], ...]}, at most 4 pairs each.`;
}

const isPair = (x: unknown): x is string[] => Array.isArray(x) && x.length >= 1 && x.length <= 2 && x.every((s) => typeof s === "string" && s.trim() !== "");

/**
 * Reads `{harmful: [[a, b], ...], helpful: [...]}` from the model's answer (fenced or bare JSON);
 * entries may be pairs or single descriptions. Throws LLM_FAILED quoting the answer's start when
 * it is not JSON or has neither list.
 *
 * @example
 * parseInsights('{"harmful": [["water", "land"]], "helpful": []}'); // { harmful: [["water", "land"]], helpful: [] }
 */
export function parseInsights(answer: string): RoboShotInsights {
  const body = answer.match(/```(?:json)?\s*([\s\S]*?)```/)?.[1] ?? answer.slice(Math.max(0, answer.indexOf("{")), answer.lastIndexOf("}") + 1);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new EngineError("LLM_FAILED", `the insight answer is not JSON: ${answer.slice(0, 120)}`);
  }
  const list = (key: string): string[][] => {
    const raw = (value as Record<string, unknown> | null)?.[key];
    if (!Array.isArray(raw)) return [];
    return raw
      .map((x) => (typeof x === "string" ? [x] : x))
      .filter(isPair)
      .map((pair) => pair.map((s) => s.trim()));
  };
  const insights = { harmful: list("harmful"), helpful: list("helpful") };
  if (insights.harmful.length + insights.helpful.length === 0)
    throw new EngineError("LLM_FAILED", `the insight answer names no harmful or helpful pairs: ${answer.slice(0, 120)}`);
  return insights;
}
