import type { TaskSpec } from "../core/task";
import { templateValues } from "./build-program-prompt";
import { DEFAULT_TEMPLATE } from "./prompt-template";
import { renderTemplate } from "./render-template";

/**
 * The paper's zero-shot baseline prompt ("what is the category of this sms text: [text]"),
 * generalised with the task's classes; `template` overrides it (placeholders `{text}`, `{classes}`, `{task}`).
 *
 * @example
 * zeroShotPrompt(task, "WIN a free prize"); // "what is the category of this text: WIN a free prize\nAnswer with exactly one of: ham, spam."
 */
export function zeroShotPrompt(task: TaskSpec, text: string, template = DEFAULT_TEMPLATE.zeroShot): string {
  const values = templateValues(task, task.language);
  return renderTemplate(template, { ...values, classes: task.classes.map((c) => c.name).join(", "), text });
}

/**
 * Maps a model's free-text answer to a class index: an exact name, a leading name, a bare
 * index, or the only class named anywhere as a whole word; otherwise -1 (unparsed).
 *
 * @example
 * parseClassAnswer("Spam.", ["ham", "spam"]); // 1
 * parseClassAnswer("It is ham, not spam", ["ham", "spam"]); // 0 (leading name)
 */
export function parseClassAnswer(answer: string, classNames: readonly string[]): number {
  const text = answer
    .trim()
    .toLowerCase()
    .replace(/^(category|class|label|answer|sentiment|topic)\s*[:=-]\s*/, "")
    .replace(/^["'*`\s]+|["'*`.!\s]+$/g, "");
  const names = classNames.map((c) => c.toLowerCase());
  const exact = names.indexOf(text);
  if (exact >= 0) return exact;
  if (/^\d+$/.test(text) && Number(text) < names.length) return Number(text);
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const leading = names
    .map((n, i) => [n, i] as const)
    .filter(([n]) => new RegExp(`^${escape(n)}\\b`).test(text))
    .sort((a, b) => b[0].length - a[0].length)[0];
  if (leading) return leading[1];
  const mentioned = names.map((n, i) => (new RegExp(`\\b${escape(n)}\\b`).test(text) ? i : -1)).filter((i) => i >= 0);
  return mentioned.length === 1 ? mentioned[0]! : -1;
}
