import type { MockRequest } from "./mock-llm-server";

const FENCE = /```(python|javascript|js)?\s*\n([\s\S]*?)```/;
const CHANGE = /Change it so that:\s*([\s\S]*?)(?:\n\n|$)/;

const userTurns = (request: MockRequest): string[] => request.body.messages.filter((m) => m.role === "user").map((m) => String(m.content));

/**
 * True for a refinement prompt: it shows the current function and asks "Change it so that: ...".
 *
 * @example
 * if (isRefinePrompt(req)) return refineReply(req);
 */
export function isRefinePrompt(request: MockRequest): boolean {
  const first = userTurns(request)[0] ?? "";
  return CHANGE.test(first) && FENCE.test(first);
}

/**
 * A deterministic refinement answer for the mock LLM server. The instruction must name a quoted
 * word and a class (`label messages containing "winner" as spam`); the answer keeps the current
 * function under another name and returns that class first when the word occurs. With
 * `brokenFirst`, the first answer has a syntax error so the caller's repair round is exercised.
 * Instructions without a quoted word get the current code back unchanged.
 *
 * @example
 * const mock = await startMockLlmServer((req) => ({ text: refineReply(req) }));
 */
export function refineReply(request: MockRequest, options: { brokenFirst?: boolean } = {}): string {
  const turns = userTurns(request);
  const first = turns[0] ?? "";
  const fence = FENCE.exec(first);
  if (!fence) return "I need the current function to change it.";
  const language = fence[1] === "python" ? "python" : "javascript";
  const source = fence[2]!.trimEnd();
  const instruction = CHANGE.exec(first)?.[1] ?? "";
  const fn = (language === "python" ? /def (\w+)\(/ : /function (\w+)\(/).exec(source)?.[1] ?? "label_function";
  const word = /"([^"]+)"/.exec(instruction)?.[1]?.toLowerCase();
  const classes = [...first.matchAll(/^\s*(\d+): (\w+)/gm)].map((m) => ({ index: Number(m[1]), name: m[2]!.toLowerCase() }));
  const target = classes.find((c) => new RegExp(`\\b${c.name}\\b`, "i").test(instruction.replace(/"[^"]*"/g, "")));
  if (!word || !target) return `Nothing to change:\n\n\`\`\`${language}\n${source}\n\`\`\`\n`;
  const broken = options.brokenFirst === true && turns.length === 1;
  const quoted = JSON.stringify(word);
  const code =
    language === "python"
      ? `${source.replace(new RegExp(`def ${fn}\\(`), "def _before_refine(")}\n\n\ndef ${fn}(text)${broken ? "" : ":"}\n    if ${quoted} in str(text).lower():\n        return ${target.index}\n    return _before_refine(text)`
      : `${source.replace(new RegExp(`function ${fn}\\(`), "function _before_refine(")}\n\nfunction ${fn}(text) {\n  if (String(text).toLowerCase().includes(${quoted})) return ${target.index};\n  return _before_refine(text);\n${broken ? "" : "}"}`;
  return `Here is the changed function:\n\n\`\`\`${language}\n${code}\n\`\`\`\n`;
}
