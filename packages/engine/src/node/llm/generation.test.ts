import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DataRow } from "../../core/dataset";
import type { ProgramRunner } from "../../core/program";
import type { TaskSpec } from "../../core/task";
import { generatePrograms } from "../../generation/generate-programs";
import { zeroShotLabel } from "../../generation/zero-shot-label";
import { CostLedger } from "../../llm/cost-ledger";
import { createLocalRunner } from "../runner/create-local-runner";
import { createLlmProvider } from "./create-llm-provider";
import { startMockLlmServer, type MockLlmServer } from "./testing/mock-llm-server";

const task: TaskSpec = {
  name: "sms",
  description: "Label SMS text messages as spam or ham.",
  input: "text",
  language: "javascript",
  functionName: "label_function",
  classes: [
    { name: "ham", description: "personal" },
    { name: "spam", description: "ads" },
  ],
};
const texts = ["free prize now", "see you at lunch", "win a free phone", "call me later", "claim your prize", "ok thanks", "free entry win", "love you"];
const rows: DataRow[] = texts.flatMap((text, i) =>
  (["train", "dev", "test"] as const).map((split) => ({ id: `${split}-${i}`, fields: { text }, split, gold: /free|prize|win|claim/.test(text) ? 1 : 0 })),
);
const GOOD =
  "```javascript\nfunction label_function(text) {\n  const t = text.toLowerCase();\n  if (t.includes('free') || t.includes('prize')) return 1;\n  return t.length < 15 ? 0 : -1;\n}\n```";
const BROKEN = "```javascript\nfunction label_function(text) {\n  return text.includes('free') ? 1 : 0;\n```";

let runner: ProgramRunner;
let mock: MockLlmServer;
beforeAll(() => {
  runner = createLocalRunner({ poolSize: 1 });
});
afterAll(() => runner.close());
beforeEach(async () => {
  mock = await startMockLlmServer((req) =>
    req.body.messages.length > 2 ? { text: GOOD, inputTokens: 900, outputTokens: 120 } : { text: GOOD, inputTokens: 500, outputTokens: 100 },
  );
});
afterEach(() => mock.close());

const base = async (ledger = new CostLedger()) => ({
  task,
  rows,
  runner,
  ledger,
  model: "gpt-4o-mini",
  seed: 42,
  provider: await createLlmProvider({ kind: "openai", openaiApiKey: "t", baseURL: mock.openaiBaseURL, retries: 0 }),
});

describe("generatePrograms through the OpenAI SDK and the sandbox", () => {
  it("repairs a program with a syntax error: one call per program plus one repair", async () => {
    mock.enqueue({ text: BROKEN, inputTokens: 500, outputTokens: 40 });
    const result = await generatePrograms({ ...(await base()), n: 2, concurrency: 1, infoKinds: ["descriptions"], temperatures: [0.7, 1.0] });
    expect(mock.requests).toHaveLength(3);
    expect(result.programs.map((p) => p.name)).toEqual(["gen_01_descriptions", "gen_02_descriptions"]);
    const [first, repair, second] = result.attempts;
    expect(first).toMatchObject({ id: "p00-r0", verdict: { ok: false, reason: "compile" }, parent: null, inputTokens: 500, outputTokens: 40 });
    expect(repair).toMatchObject({ id: "p00-r1", parent: "p00-r0", verdict: { ok: true }, messages: 3 });
    expect(repair!.prompt).toMatch(/rejected \(compile\)\. It does not compile/);
    expect(second).toMatchObject({ id: "p01-r0", params: { temperature: 1 }, supplementary: [{ kind: "descriptions", source: "task" }] });
    expect(mock.requests.map((r) => r.body.temperature).sort()).toEqual([0.7, 0.7, 1]);
    expect(first!.system).toMatch(/^You are a helpful assistant to write labeling function for label SMS/);
    expect(result.programs[0]!.description).toMatch(/repaired 1x/);
    // 500+40 and 900+120 and 500+100 tokens at gpt-4o-mini prices
    const cost = ((500 + 900 + 500) * 0.15 + (40 + 120 + 100) * 0.6) / 1e6;
    expect(result.ledger).toMatchObject({ calls: 3, inputTokens: 1900, outputTokens: 260, costUsd: expect.closeTo(cost, 12) });
    expect(result.attempts.reduce((s, a) => s + a.costUsd, 0)).toBeCloseTo(cost, 12);
  });

  it("rejects constant output and gives up after the repair rounds", async () => {
    const constant = "```js\nfunction label_function(text) { return 1; }\n```";
    mock.enqueue({ text: constant }, { text: constant });
    const result = await generatePrograms({ ...(await base()), n: 1, repairRounds: 1 });
    expect(result.programs).toHaveLength(0);
    expect(result.failedSlots).toBe(1);
    expect(result.attempts.map((a) => a.verdict?.reason)).toEqual(["constant", "constant"]);
    expect(mock.requests).toHaveLength(2);
  });

  it("stops at the budget without making the call that would exceed it", async () => {
    const ledger = new CostLedger({ budgetUsd: 0.0001 });
    mock.enqueue({ text: GOOD, inputTokens: 1000, outputTokens: 1000 });
    const result = await generatePrograms({ ...(await base(ledger)), n: 3, concurrency: 1 });
    expect(mock.requests).toHaveLength(1);
    expect(result).toMatchObject({ stoppedBy: "budget", failedSlots: 2 });
    expect(result.programs).toHaveLength(1);
  });

  it("asks for keywords first in two-stage mode, once for all programs", async () => {
    mock.enqueue({ text: "spam: free, prize\nham: lunch, later" });
    const result = await generatePrograms({ ...(await base()), n: 2, infoKinds: ["keywords"], twoStage: true, concurrency: 1 });
    expect(mock.requests).toHaveLength(3);
    expect(result.attempts[0]).toMatchObject({ kind: "info", id: "info-keywords" });
    expect(mock.requests[1]!.body.messages.at(-1)!.content).toMatch(/^Keywords per class:\nspam: free, prize/);
  });
});

describe("generatePrograms for Python and image tasks", () => {
  it("repairs a Python program with a missing colon (the paper's language)", async () => {
    const good = "```python\ndef label_function(text):\n    return 1 if 'free' in text or 'prize' in text else 0\n```";
    mock.enqueue({ text: "```python\ndef label_function(text)\n    return 1\n```" }, { text: good });
    const result = await generatePrograms({ ...(await base()), task: { ...task, language: "python" }, n: 1 });
    expect(result.attempts.map((a) => a.verdict?.reason ?? "ok")).toEqual(["compile", "ok"]);
    expect(result.attempts[0]!.verdict?.feedback).toMatch(/SyntaxError/);
    expect(result.programs[0]!.source).toContain("def label_function(text):");
    expect(mock.requests).toHaveLength(2);
  });

  it("asks with the score prompt for concept-score programs", async () => {
    const concepts = ["A bird's foot type is toed, grasping", "A bird's foot type is paddling, swimming"];
    const birds: TaskSpec = {
      ...task,
      name: "birds",
      description: "Classify birds.",
      input: concepts,
      classes: [
        { name: "landbird", description: "" },
        { name: "waterbird", description: "" },
      ],
    };
    const birdRows: DataRow[] = Array.from({ length: 30 }, (_, i) => ({
      id: `${i}`,
      split: (["train", "dev", "test"] as const)[i % 3]!,
      gold: i % 2,
      fields: { [concepts[0]!]: i % 2 ? 0.2 : 0.8, [concepts[1]!]: i % 2 ? 0.9 : 0.1 },
    }));
    mock.enqueue({
      text: `\`\`\`javascript\nfunction label_function(scores) {\n  const a = scores[${JSON.stringify(concepts[0])}], b = scores[${JSON.stringify(concepts[1])}];\n  return a > b ? 0 : 1;\n}\n\`\`\``,
    });
    const result = await generatePrograms({ ...(await base()), task: birds, rows: birdRows, concepts, n: 1 });
    expect(mock.requests[0]!.body.messages.at(-1)!.content).toMatch(/^I have measured similarity scores for the following descriptions/);
    expect(result.attempts[0]!.verdict).toMatchObject({ ok: true, coverage: 1, devAccuracy: 1 });
  });
});

describe("zeroShotLabel", () => {
  it("labels each row with one call and parses the answers", async () => {
    const answers = new Map([
      ["free prize now", "Spam."],
      ["see you at lunch", "ham"],
      ["ok thanks", "not sure"],
    ]);
    await mock.close();
    mock = await startMockLlmServer((req) => {
      const content = String(req.body.messages[0]!.content);
      return { text: answers.get(content.split("\n")[0]!.replace("what is the category of this text: ", "")) ?? "?", inputTokens: 20, outputTokens: 2 };
    });
    const ledger = new CostLedger();
    const picked = rows.filter((r) => r.split === "test" && answers.has(String(r.fields.text)));
    const result = await zeroShotLabel({ task, rows: picked, provider: (await base()).provider, model: "gpt-4o-mini", ledger });
    expect(Array.from(result.predictions)).toEqual(picked.map((r) => ({ "free prize now": 1, "see you at lunch": 0 })[String(r.fields.text)] ?? -1));
    expect(result.unparsed).toBe(1);
    expect(ledger.totals()).toMatchObject({ calls: 3, inputTokens: 60, outputTokens: 6 });
    expect(mock.requests[0]!.body).toMatchObject({ temperature: 0, max_tokens: 16 });
  });
});
