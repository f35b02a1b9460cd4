// A local OpenAI/Anthropic-compatible server answering program prompts with canned SMS
// programs, for trying `alchemist run --provider openai --base-url ...` without an API key.
// Usage: npx tsx packages/engine/src/node/llm/testing/serve-mock-llm.ts [--port 8787] [--broken 3] [--require-key KEY]
//   --broken i: the i-th program request (0-based) gets a syntax error first, to show a repair.
// Prints the base URLs; on SIGINT/SIGTERM prints how many requests it answered and exits.
import { CANNED_SMS_PROGRAMS, renderCanned } from "./canned-sms-programs";
import { conceptReply, insightReply, isConceptPrompt, isInsightPrompt } from "./concept-fixture";
import { startMockLlmServer } from "./mock-llm-server";

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const broken = Number(arg("--broken") ?? -1);
// --require-key KEY: requests carrying another key get a 401 that quotes the key they sent (redaction checks)
const requiredKey = arg("--require-key");
let programs = 0;
const counts = { program: 0, repair: 0, other: 0 };

const mock = await startMockLlmServer(
  (req) => {
    const sent = String(req.headers["x-api-key"] ?? req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (requiredKey !== undefined && sent !== requiredKey) return { echoKey: true };
    // The image flow's concept prompt ("Propose concepts" in the studio): the fixture's concepts.
    if (isConceptPrompt(req)) {
      counts.other += 1;
      return { text: conceptReply(req) };
    }
    if (isInsightPrompt(req)) {
      counts.other += 1;
      return { text: insightReply() };
    }
    const turns = req.body.messages.filter((m) => m.role !== "system");
    const text = turns.map((m) => String(m.content)).join("\n");
    const first = String(turns[0]?.content ?? "");
    const fn = /def (\w+)\(|function (\w+)\(/.exec(first);
    const name = fn?.[1] ?? fn?.[2] ?? "label_function";
    const language = /function in javascript/i.test(first) ? "javascript" : "python";
    const index: Record<string, number> = { ham: Number(/(\d+): ham\b/.exec(first)?.[1] ?? 0), spam: Number(/(\d+): spam\b/.exec(first)?.[1] ?? 1) };
    if (!/Write a bug-free and executable function/.test(text)) {
      counts.other += 1;
      const label = (t: string): string => (/free|prize|claim|txt|call now|£/i.test(t) ? "spam" : "ham");
      // LLM votes ask about several numbered rows at once: one "<number>: <class>" line each
      const rows = text.split("\n").filter((l) => /^\d+\. /.test(l));
      const answer = /what is the category/.test(text)
        ? rows.length
          ? rows.map((l) => `${l.split(".")[0]}: ${label(l)}`).join("\n")
          : label(text)
        : "spam: free, prize, claim, txt\nham: ok, home, later, love";
      return { text: answer };
    }
    if (turns.length > 1) {
      counts.repair += 1;
      // only the --broken program is ever sent back: answer with its fixed version
      return { text: renderCanned(CANNED_SMS_PROGRAMS[Math.max(0, broken) % CANNED_SMS_PROGRAMS.length]!, language, name, index) };
    }
    const i = programs++;
    counts.program += 1;
    return { text: renderCanned(CANNED_SMS_PROGRAMS[i % CANNED_SMS_PROGRAMS.length]!, language, name, index, { broken: i === broken }) };
  },
  Number(arg("--port") ?? 0),
);

process.stdout.write(`mock LLM listening: OpenAI base URL ${mock.openaiBaseURL}  Anthropic base URL ${mock.anthropicBaseURL}\n`);
const stop = async (): Promise<void> => {
  process.stdout.write(`mock LLM answered ${mock.requests.length} requests: ${JSON.stringify(counts)}\n`);
  await mock.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
