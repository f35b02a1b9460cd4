import type { ProgramLanguage } from "../core/task";
import type { ProgramPlan } from "./program-plan";

export interface RenderInput {
  readonly plan: ProgramPlan;
  readonly language: ProgramLanguage;
  readonly functionName: string;
  /** Comment lines (without comment markers) placed above the function. */
  readonly header: readonly string[];
  /** For record inputs: the field the program reads; null when the input is the text itself. */
  readonly field: string | null;
}

const q = (s: string): string => JSON.stringify(s);

function pythonBody(plan: ProgramPlan): string[] {
  const vote = `return ${plan.cls}`;
  switch (plan.kind) {
    case "keywords":
      return [
        `terms = {${plan.terms.map(q).join(", ")}}`,
        `words = re.findall(r"(?:[^\\W_]|')+", text.lower())`,
        `grams = set(words) | {a + " " + b for a, b in zip(words, words[1:])}`,
        `if grams & terms:`,
        `    ${vote}`,
        `return -1`,
      ];
    case "regex":
      return [
        `matches = re.findall(r"${plan.family.pattern}", ${plan.family.on === "lower" ? "text.lower()" : "text"})`,
        `if len(matches) >= ${plan.family.minCount}:`,
        `    ${vote}`,
        `return -1`,
      ];
    case "heuristic": {
      const h = plan.heuristic;
      const value =
        h.stat === "words"
          ? [`value = len(re.findall(r"(?:[^\\W_]|')+", text.lower()))`]
          : [
              `digits = len(re.findall(r"[0-9]", text))`,
              `letters = len(re.findall(r"[A-Za-z]", text))`,
              ...(h.stat === "digits"
                ? [`value = 0 if digits + letters == 0 else digits / (digits + letters)`]
                : [`upper = len(re.findall(r"[A-Z]", text))`, `value = 0 if letters == 0 else upper / letters`]),
            ];
      return [...value, `if value ${h.op === "le" ? "<=" : ">="} ${h.threshold}:`, `    ${vote}`, `return -1`];
    }
  }
}

function jsBody(plan: ProgramPlan): string[] {
  const vote = `return ${plan.cls};`;
  const count = (pattern: string, on: string): string => `(${on}.match(new RegExp(${q(pattern)}, "g")) || []).length`;
  switch (plan.kind) {
    case "keywords":
      return [
        `const terms = new Set([${plan.terms.map(q).join(", ")}]);`,
        `const words = text.toLowerCase().match(/[\\p{L}\\p{N}']+/gu) || [];`,
        `for (let i = 0; i < words.length; i++) {`,
        `  if (terms.has(words[i])) ${vote}`,
        `  if (i + 1 < words.length && terms.has(words[i] + " " + words[i + 1])) ${vote}`,
        `}`,
        `return -1;`,
      ];
    case "regex":
      return [
        `const matches = ${count(plan.family.pattern, plan.family.on === "lower" ? "text.toLowerCase()" : "text")};`,
        `if (matches >= ${plan.family.minCount}) ${vote}`,
        `return -1;`,
      ];
    case "heuristic": {
      const h = plan.heuristic;
      const value =
        h.stat === "words"
          ? [`const value = (text.toLowerCase().match(/[\\p{L}\\p{N}']+/gu) || []).length;`]
          : [
              `const digits = (text.match(/[0-9]/g) || []).length;`,
              `const letters = (text.match(/[A-Za-z]/g) || []).length;`,
              ...(h.stat === "digits"
                ? [`const value = digits + letters === 0 ? 0 : digits / (digits + letters);`]
                : [`const upper = (text.match(/[A-Z]/g) || []).length;`, `const value = letters === 0 ? 0 : upper / letters;`]),
            ];
      return [...value, `if (value ${h.op === "le" ? "<=" : ">="} ${h.threshold}) ${vote}`, `return -1;`];
    }
  }
}

/** Source code of one program; Python and JavaScript versions vote identically on every input. */
export function renderProgram(input: RenderInput): string {
  const { plan, functionName, header, field } = input;
  if (input.language === "python") {
    const read = field === null ? [] : [`text = text.get(${q(field)}) if isinstance(text, dict) else None`];
    const body = [...read, `if not isinstance(text, str):`, `    return -1`, ...pythonBody(plan)];
    return [`import re`, ``, ...header.map((l) => `# ${l}`), ``, ``, `def ${functionName}(text):`, ...body.map((l) => `    ${l}`), ``].join("\n");
  }
  const read = field === null ? [] : [`text = text !== null && typeof text === "object" ? text[${q(field)}] : undefined;`];
  const body = [...read, `if (typeof text !== "string") return -1;`, ...jsBody(plan)];
  return [...header.map((l) => `// ${l}`), `function ${functionName}(text) {`, ...body.map((l) => `  ${l}`), `}`, ``].join("\n");
}
