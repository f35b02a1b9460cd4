import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DataRow } from "../../core/dataset";
import type { ProgramRunner } from "../../core/program";
import type { TaskSpec } from "../../core/task";
import { generatePrograms } from "../../generation/generate-programs";
import type { GenerateOptions } from "../../generation/generation-types";
import { llmVotes, llmVoteSample } from "../../generation/llm-votes";
import { compareLlmVotes } from "../../improve/compare-llm-votes";
import { improveRounds } from "../../improve/improve-rounds";
import { CostLedger } from "../../llm/cost-ledger";
import type { LlmProvider } from "../../llm/llm-provider";
import { evaluationSplit } from "../../pipeline/evaluation-split";
import { createLocalRunner } from "../runner/create-local-runner";
import { createLlmProvider } from "./create-llm-provider";
import { startMockLlmServer, type MockLlmServer, type MockRequest } from "./testing/mock-llm-server";

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
// four kinds of rows: the first program covers "free" (spam) and "lunch" (ham); "cash" and "meeting" rows are its gap
const KINDS = [
  ["free prize inside", 1],
  ["lunch at noon?", 0],
  ["cash bonus today", 1],
  ["meeting moved again", 0],
] as const;
function dataset(n: number): DataRow[] {
  return Array.from({ length: n }, (_, i) => {
    const [text, gold] = KINDS[i % 4]!;
    const split = i % 10 < 6 ? "train" : i % 10 < 8 ? "dev" : "test";
    return { id: String(i), fields: { text: `${text} #${i}` }, split, gold };
  });
}
const js = (body: string): string =>
  `\`\`\`javascript\nfunction label_function(text) {\n  const t = String(text).toLowerCase();\n${body}\n  return -1;\n}\n\`\`\``;
const FIRST = js("  if (t.includes('free')) return 1;\n  if (t.includes('lunch')) return 0;");
const AIMED = js("  if (t.includes('cash')) return 1;\n  if (t.includes('meeting')) return 0;");
const SAME_AS_FIRST = js("  if (t.includes('lunch')) return 0;\n  if (t.includes('free')) return 1;");

/** Program prompts: the gap named -> the aimed program; else the first. Label prompts: the batch answered line by line. */
function reply(req: MockRequest): { text: string; inputTokens: number; outputTokens: number } {
  const prompt = String(req.body.messages.at(-1)!.content);
  if (/what is the category/.test(prompt)) {
    const lines = prompt.split("\n").filter((l) => /^\d+\. /.test(l));
    const label = (t: string): string => (/free|cash/.test(t) ? "spam" : "ham");
    return { text: lines.length ? lines.map((l) => `${l.split(".")[0]}: ${label(l)}`).join("\n") : label(prompt), inputTokens: 30, outputTokens: 5 };
  }
  if (/get no vote from any current program/.test(prompt)) return { text: /cash|meeting/.test(prompt) ? AIMED : FIRST, inputTokens: 400, outputTokens: 60 };
  if (/Examples the current programs get wrong|unsure about/.test(prompt)) return { text: SAME_AS_FIRST, inputTokens: 400, outputTokens: 60 };
  return { text: FIRST, inputTokens: 300, outputTokens: 50 };
}

let runner: ProgramRunner;
let mock: MockLlmServer;
let provider: LlmProvider;
beforeAll(() => {
  runner = createLocalRunner({ poolSize: 1 });
});
afterAll(() => runner.close());
beforeEach(async () => {
  mock = await startMockLlmServer(reply);
  provider = await createLlmProvider({ kind: "openai", openaiApiKey: "t", baseURL: mock.openaiBaseURL, retries: 0 });
});
afterEach(() => mock.close());

async function roundsOn(rows: DataRow[], ledger = new CostLedger()) {
  const base: GenerateOptions = { task, rows, provider, model: "gpt-4o-mini", runner, ledger, n: 2, seed: 42, concurrency: 1, completions: 2 };
  const first = await generatePrograms(base);
  const split = evaluationSplit(
    rows.map((r) => r.split),
    rows.map((r) => r.gold),
  );
  const result = await improveRounds({
    task,
    rows,
    runner,
    split,
    seed: 42,
    rounds: 3,
    initial: first.programs,
    ledger,
    initialCost: first.ledger,
    generate: (req) => generatePrograms({ ...base, completions: 1, focus: req.focus, namePrefix: req.namePrefix }),
  });
  return { first, result, split };
}

describe("improveRounds against the mock LLM server (real SDK, real sandbox)", () => {
  it("self-consistency completions are de-duplicated; round 2 aims at the uncovered rows and is kept; round 3 adds nothing and stops", async () => {
    const { first, result } = await roundsOn(dataset(100));
    expect(first.programs.map((p) => p.name)).toEqual(["gen_01_plain", "gen_02_plain", "gen_03_plain", "gen_04_plain"]);
    const [r1, r2, r3] = result.rounds;
    expect(r1).toMatchObject({ round: 1, kept: true, proposed: 4, duplicates: 3, programsAdded: 1, programs: 1, coverage: 0.5, calls: 4 });
    expect(r2).toMatchObject({
      round: 2,
      kept: true,
      programsAdded: 1,
      programs: 2,
      coverage: 1,
      devF1: 1,
      focus: { uncovered: 40, devErrors: 10, weakClasses: [] },
    });
    expect(r2!.devF1!).toBeGreaterThan(r1!.devF1!);
    expect(r2!.added[0]).toMatch(/^r2_gen_\d+_uncovered$/);
    expect(r3).toMatchObject({ round: 3, kept: false, programsAdded: 0, programs: 2, stoppedBy: "nothing-weak" });
    expect(result.programs.map((p) => p.name)).toEqual(["gen_01_plain", r2!.added[0]]);
    expect(result.merged.map((m) => m.dropped)).toEqual(["gen_02_plain", "gen_03_plain", "gen_04_plain", ...result.merged.slice(3).map((m) => m.dropped)]);
    expect(result.L.m).toBe(2);
    // the aimed prompt names the gap and quotes uncovered train/dev rows, never test rows
    const aimed = mock.requests.map((r) => String(r.body.messages.at(-1)!.content)).filter((p) => /get no vote/.test(p));
    expect(aimed.length).toBeGreaterThan(0);
    expect(aimed[0]).toMatch(/Texts no current program labels \(40 of 80\):\nThese 40 texts get no vote from any current program/);
    const quoted = [...aimed[0]!.matchAll(/#(\d+)/g)].map((m) => Number(m[1]));
    expect(quoted.every((i) => i % 10 < 8)).toBe(true);
  });

  it("LLM votes: one call per batch, one more column of L, compared with programs only and zero-shot alone", async () => {
    const rows = dataset(100);
    const split = evaluationSplit(
      rows.map((r) => r.split),
      rows.map((r) => r.gold),
    );
    const ledger = new CostLedger();
    const votes = await llmVotes({
      task,
      rows,
      sample: llmVoteSample(rows.length, 30, 42),
      provider,
      model: "gpt-4o-mini",
      ledger,
      batchSize: 10,
      concurrency: 1,
    });
    expect(mock.requests).toHaveLength(3);
    expect(votes).toMatchObject({ calls: 3, unparsed: 0, inputTokens: 90, outputTokens: 15 });
    expect(votes.column.filter((v) => v >= 0)).toHaveLength(30);
    votes.rows.forEach((r) => expect(votes.column[r]).toBe(rows[r]!.gold));
    const { result } = await roundsOn(rows);
    const first = result.L.m === 2 ? { n: result.L.n, m: 1, values: result.L.values.filter((_, x) => x % 2 === 0) } : result.L;
    const report = compareLlmVotes(first, votes, split, { k: 2, seed: 42, programsCostUsd: 0.001, batchSize: 10 });
    expect(report).toMatchObject({ rows: 30, calls: 3, coverage: 0.3, devAccuracy: 1 });
    expect(report.programsPlusLlmVotes.coverage).toBeGreaterThan(report.programsOnly.coverage);
    expect(report.programsPlusLlmVotes.test.accuracy!).toBeGreaterThan(report.programsOnly.test.accuracy!);
    expect(report.zeroShotAlone.test.accuracy).toBe(1);
    expect(report.programsPlusLlmVotes.costUsd).toBeCloseTo(0.001 + votes.costUsd, 12);
  });

  it("API calls scale with programs and K, never with the dataset's size", async () => {
    const count = async (n: number): Promise<number> => {
      const before = mock.requests.length;
      const rows = dataset(n);
      await roundsOn(rows);
      await llmVotes({ task, rows, sample: llmVoteSample(rows.length, 40, 7), provider, model: "gpt-4o-mini", ledger: new CostLedger(), batchSize: 8 });
      return mock.requests.length - before;
    };
    const small = await count(100);
    const large = await count(1000);
    expect(large).toBe(small);
    // 4 first-round completions, 2 aimed programs, 5 batches of 8 rows
    expect(small).toBe(4 + 2 + 5);
  });

  it("a round whose programs do not raise the dev metric is reported and dropped, and the loop stops", async () => {
    await mock.close();
    const WRONG = js("  if (t.includes('cash')) return 0;\n  if (t.includes('meeting')) return 1;");
    mock = await startMockLlmServer((req) =>
      /Write a bug-free/.test(String(req.body.messages.at(-1)!.content)) &&
      /get no vote|get wrong|unsure|A class the programs miss/.test(String(req.body.messages.at(-1)!.content))
        ? { text: WRONG }
        : reply(req),
    );
    provider = await createLlmProvider({ kind: "openai", openaiApiKey: "t", baseURL: mock.openaiBaseURL, retries: 0 });
    const { result } = await roundsOn(dataset(100));
    expect(result.rounds.map((r) => [r.round, r.kept, r.stoppedBy ?? null])).toEqual([
      [1, true, null],
      [2, false, "no-improvement"],
    ]);
    expect(result.rounds[1]!.devF1!).toBeLessThanOrEqual(result.rounds[0]!.devF1!);
    expect(result.rounds[1]).toMatchObject({ programsAdded: 0, programs: 1, added: [], calls: 2 });
    expect(result.programs.map((p) => p.name)).toEqual(["gen_01_plain"]);
  });

  it("the budget ends the rounds", async () => {
    const rows = dataset(100);
    const ledger = new CostLedger({ budgetUsd: 0.0002 });
    const { result } = await roundsOn(rows, ledger);
    expect(result.rounds.at(-1)).toMatchObject({ kept: false, stoppedBy: "budget", programsAdded: 0 });
  });
});
