/** A keyword rule: vote `label` when any keyword occurs (as a word, or as a phrase substring). */
export interface DemoProgramSpec {
  readonly name: string;
  readonly description: string;
  readonly label: "ham" | "spam";
  readonly words: readonly string[];
  readonly phrases: readonly string[];
}

export const DEMO_PROGRAMS: readonly DemoProgramSpec[] = [
  { name: "mentions_prize", description: "Prizes, winners and claims are spam.", label: "spam", words: ["prize", "winner", "won", "claim"], phrases: [] },
  {
    name: "call_to_action",
    description: "Pressure to call or text a short code is spam.",
    label: "spam",
    words: ["txt", "urgent"],
    phrases: ["call now", "text stop", "reply yes", "reply free"],
  },
  { name: "money_offer", description: "Money amounts and free offers are spam.", label: "spam", words: ["cash", "free", "loans"], phrases: ["£", "$"] },
  {
    name: "casual_chat",
    description: "Everyday words between friends are ham.",
    label: "ham",
    words: ["lol", "tonight", "home", "love", "mum", "dinner", "ok"],
    phrases: ["see you"],
  },
];

const pyList = (items: readonly string[]) => `(${items.map((s) => JSON.stringify(s)).join(", ")}${items.length === 1 ? "," : ""})`;

/**
 * The readable Python source of a demo program.
 *
 * @example
 * demoProgramSource(DEMO_PROGRAMS[0]!) // "import re\n\nWORDS = (...)"
 */
export function demoProgramSource(spec: DemoProgramSpec): string {
  return `import re

WORDS = ${pyList(spec.words)}
PHRASES = ${pyList(spec.phrases)}


def label_function(text):
    """${spec.description}"""
    lowered = text.lower()
    words = set(re.findall(r"[a-z0-9']+", lowered))
    if any(word in words for word in WORDS) or any(phrase in lowered for phrase in PHRASES):
        return "${spec.label}"
    return -1
`;
}

/**
 * The same rule evaluated in TypeScript (ASCII text), so the seed can store votes without a
 * Python runtime. The worker test checks it against the real runner.
 *
 * @example
 * demoProgramVote(DEMO_PROGRAMS[3]!, "ok see you", ["ham", "spam"]) // 0
 */
export function demoProgramVote(spec: DemoProgramSpec, text: string, classNames: readonly string[]): number {
  const lowered = text.toLowerCase();
  const words = new Set(lowered.match(/[a-z0-9']+/g) ?? []);
  const hit = spec.words.some((w) => words.has(w)) || spec.phrases.some((p) => lowered.includes(p));
  return hit ? classNames.indexOf(spec.label) : -1;
}
