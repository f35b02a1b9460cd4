import type { ProgramLanguage } from "../core/task";

export interface ExtractedCode {
  readonly code: string;
  readonly fenced: boolean;
}

const FENCE = /```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n([\s\S]*?)(?:```|$)/g;
const TAGS: Record<ProgramLanguage, readonly string[]> = { python: ["python", "py", "python3"], javascript: ["javascript", "js", "node", "typescript", "ts"] };

/**
 * Pulls program code out of a model's answer: the fenced block tagged with the language (the
 * longest, when several), else an untagged fence that defines the function, else any fence,
 * else the whole answer (unfenced code).
 *
 * @example
 * extractCode("Here:\n```python\ndef label_function(x):\n    return -1\n```", "python", "label_function");
 * // { code: "def label_function(x):\n    return -1", fenced: true }
 */
export function extractCode(text: string, language: ProgramLanguage, functionName: string): ExtractedCode {
  const blocks = [...text.matchAll(FENCE)].map((m) => ({ tag: (m[1] ?? "").toLowerCase(), code: (m[2] ?? "").trim() }));
  const byLength = (a: { code: string }, b: { code: string }): number => b.code.length - a.code.length;
  const tagged = blocks.filter((b) => TAGS[language].includes(b.tag)).sort(byLength)[0];
  const defining = blocks.filter((b) => b.code.includes(functionName)).sort(byLength)[0];
  const any = [...blocks].sort(byLength)[0];
  const chosen = tagged ?? defining ?? any;
  if (chosen && chosen.code.length > 0) return { code: chosen.code, fenced: true };
  return { code: text.trim(), fenced: false };
}
