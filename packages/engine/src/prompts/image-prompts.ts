import { EngineError } from "../errors/engine-error";

const quote = (s: string): string => `"${s}"`;

/**
 * Stage 1 for images (paper App. B): ask for visual primitive concepts, as JSON.
 *
 * @example
 * conceptPrompt(["landbird", "waterbird"]);
 * // 'What are the visual primitive concepts to classify "landbird" and "waterbird"? ...'
 */
export function conceptPrompt(classNames: readonly string[]): string {
  const list = classNames.length === 2 ? `${quote(classNames[0]!)} and ${quote(classNames[1]!)}` : classNames.map(quote).join(", ");
  return `What are the visual primitive concepts to classify ${list}? Please organize the primitive concepts by name and use comparisons for the classes. Parse the results into JSON format: {"concepts": ["A bird's foot type is ...", ...]}.`;
}

/**
 * Stage 2 for images: the score prompt. The program receives `{concept: score}` with CLIP-style
 * similarity scores in [0, 1].
 *
 * @example
 * scorePrompt(["A bird's foot type is toed, grasping"], ["landbird", "waterbird"], "python", "label_function");
 */
export function scorePrompt(concepts: readonly string[], classNames: readonly string[], language: string, functionName: string): string {
  if (concepts.length === 0) throw new EngineError("INVALID_ARGUMENT", "scorePrompt needs at least 1 concept, got 0");
  const descriptions = concepts.map((c) => `[${quote(c)}]`).join("; ");
  const mapping = classNames.map((c, i) => `${i} for ${c}`).join(", ");
  return `I have measured similarity scores for the following descriptions as float numbers. If a score is close to 1, it is highly related to the description. If a score is close to 0, it is less related to the description. The descriptions are: ${descriptions}. Generate a labeling function in ${language} named ${functionName} with input scores (a dictionary mapping each description to its score) to classify ${classNames.join(" and ")}. Return ${mapping}. If it cannot be determined, the function should return -1, but use this cautiously. Answer with one fenced code block.`;
}

/**
 * Reads concepts out of the model's JSON answer (fenced or bare; a list, `{concepts: [...]}`,
 * or any nesting of objects and lists of strings).
 *
 * @example
 * parseConcepts('```json\n{"concepts": ["wing shape is long"]}\n```'); // ["wing shape is long"]
 */
export function parseConcepts(answer: string): string[] {
  const body = answer.match(/```(?:json)?\s*([\s\S]*?)```/)?.[1] ?? answer.slice(answer.search(/[[{]/));
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new EngineError("LLM_FAILED", `the concept answer is not JSON: ${answer.slice(0, 120)}`);
  }
  const out: string[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === "string") out.push(key && !/^\d+$/.test(key) && !/concept/i.test(key) ? `${key}: ${v}` : v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(value);
  return [...new Set(out)];
}
