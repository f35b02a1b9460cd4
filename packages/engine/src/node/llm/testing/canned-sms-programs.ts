/** A canned SMS program: regex rules checked in order on the lower-cased text, else `fallback` (-1: abstain). */
interface CannedProgram {
  readonly rules: readonly { readonly pattern: string; readonly cls: "spam" | "ham" }[];
  readonly note: string;
  readonly fallback?: "ham" | "spam";
}

export const CANNED_SMS_PROGRAMS: readonly CannedProgram[] = [
  { note: "prize and claim wording", fallback: "ham", rules: [{ pattern: "\\b(prize|won|winner|claim|reward)\\b", cls: "spam" }] },
  {
    note: "free offers and calls to text",
    fallback: "ham",
    rules: [{ pattern: "\\bfree\\b.*\\b(text|txt|call|reply)\\b|\\b(txt|text) [a-z]+ to \\d{4,}", cls: "spam" }],
  },
  { note: "premium numbers and money", fallback: "ham", rules: [{ pattern: "\\b0?8\\d{8,}\\b|£\\d+|\\$\\d+|\\b\\d{5}\\b", cls: "spam" }] },
  {
    note: "urgent and subscription words",
    fallback: "ham",
    rules: [{ pattern: "\\b(urgent|guaranteed|subscription|unsubscribe|stop to|opt ?out)\\b", cls: "spam" }],
  },
  { note: "personal chat cues", rules: [{ pattern: "\\b(i'm|im|i'll|my|lol|ok|haha|love|home|sorry)\\b", cls: "ham" }] },
  {
    note: "links and mobiles",
    fallback: "ham",
    rules: [
      { pattern: "www\\.|http|\\.com\\b|\\bmobile\\b|\\bringtone", cls: "spam" },
      { pattern: "\\b(see you|later|tonight|tomorrow)\\b", cls: "ham" },
    ],
  },
  { note: "short casual messages", rules: [{ pattern: "^.{0,40}$", cls: "ham" }] },
  {
    note: "questions to friends",
    rules: [
      { pattern: "\\b(u|you|ur)\\b.*\\?$|\\b(where|when|what time)\\b", cls: "ham" },
      { pattern: "\\bcash\\b|\\bcustomer\\b|\\bservice\\b", cls: "spam" },
    ],
  },
  { note: "entry and competition", fallback: "ham", rules: [{ pattern: "\\b(entry|comp|competition|draw|selected|awarded)\\b", cls: "spam" }] },
  { note: "family and plans", rules: [{ pattern: "\\b(mom|mum|dad|dinner|lunch|class|work|sleep|going)\\b", cls: "ham" }] },
];

/**
 * Renders a canned program as the model would answer: a fenced function in the language the
 * prompt asks for, with class indices read from the prompt's "index: class" lines.
 *
 * @example
 * renderCanned(CANNED_SMS_PROGRAMS[0]!, "python", "label_function", { spam: 1, ham: 0 });
 */
export function renderCanned(p: CannedProgram, language: "python" | "javascript", fn: string, index: Record<string, number>, { broken = false } = {}): string {
  const fallback = p.fallback ? index[p.fallback] : -1;
  if (language === "python") {
    const body = p.rules.map((r) => `    if re.search(r"${r.pattern.replace(/"/g, '\\"')}", t):\n        return ${index[r.cls]}`).join("\n");
    const def = broken ? `def ${fn}(text)` : `def ${fn}(text):`;
    return `Here is a labeling function (${p.note}):\n\n\`\`\`python\nimport re\n\n${def}\n    t = text.lower()\n${body}\n    return ${fallback}\n\`\`\`\n`;
  }
  const body = p.rules.map((r) => `  if (/${r.pattern.replace(/\//g, "\\/")}/.test(t)) return ${index[r.cls]};`).join("\n");
  return `Here is a labeling function (${p.note}):\n\n\`\`\`javascript\nfunction ${fn}(text) {\n  const t = String(text).toLowerCase();\n${body}\n  return ${fallback};\n${broken ? "" : "}\n"}\`\`\`\n`;
}
