import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockLlmServer, type MockLlmServer, type MockRequest } from "../../../packages/engine/src/node/llm/testing/mock-llm-server";
import { alchemistAsync, jsTaskDataFlags, writeFixture, writeScaleFixture } from "./cli-fixture";

const dir = writeFixture();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bigger = writeScaleFixture(dir);
const data = (file?: string): string[] => jsTaskDataFlags(dir, file);

const js = (body: string): string =>
  `\`\`\`javascript\nfunction label_function(text) {\n  const t = String(text).toLowerCase();\n${body}\n  return -1;\n}\n\`\`\``;
const FIRST = js("  if (t.includes('free')) return 1;\n  if (t.includes('lunch')) return 0;");
const FIRST_VERBOSE = js("  // the same rule, written longer\n  if (t.indexOf('free') >= 0) { return 1; }\n  if (t.indexOf('lunch') >= 0) { return 0; }");
const CONTRARIAN = js("  if (t.includes('lunch')) return 1;\n  if (t.includes('free')) return 0;");
const AIMED = js("  if (t.includes('win') || t.includes('cheap')) return 1;\n  if (t.includes('meeting') || t.includes('call me')) return 0;");
const FIRST_ROUND = [FIRST, FIRST_VERBOSE, CONTRARIAN, FIRST];

let mock: MockLlmServer;
const kinds = (): Record<string, number> => {
  const count: Record<string, number> = { program: 0, aimed: 0, votes: 0 };
  for (const r of mock.requests) count[kindOf(r)]!++;
  return count;
};
const kindOf = (r: MockRequest): string => {
  const prompt = String(r.body.messages.at(-1)!.content);
  return /what is the category/.test(prompt)
    ? "votes"
    : /get no vote from any current program|get wrong|unsure about|A class the programs miss/.test(prompt)
      ? "aimed"
      : "program";
};
/** A fresh mock server: its first-round answers start over, so two runs in one test get the same programs. */
async function startMock(): Promise<MockLlmServer> {
  let first = 0;
  return startMockLlmServer((req) => {
    const prompt = String(req.body.messages.at(-1)!.content);
    const kind = kindOf(req);
    if (kind === "votes") {
      const label = (t: string): string => (/free|win|claim|cash|cheap/.test(t) ? "spam" : "ham");
      const lines = prompt.split("\n").filter((l) => /^\d+\. /.test(l));
      return { text: lines.map((l) => `${l.split(".")[0]}: ${label(l)}`).join("\n"), inputTokens: 25 * lines.length, outputTokens: 3 * lines.length };
    }
    if (kind === "aimed") return { text: /get no vote/.test(prompt) ? AIMED : FIRST, inputTokens: 500, outputTokens: 60 };
    return { text: FIRST_ROUND[first++ % 4]!, inputTokens: 300, outputTokens: 50 };
  });
}
beforeEach(async () => {
  mock = await startMock();
});
afterEach(() => mock.close());
const llm = (): string[] => ["--provider", "openai", "--base-url", mock.openaiBaseURL, "--model", "gpt-4o-mini", "--concurrency", "1"];

describe("alchemist run --rounds --llm-votes --prune --audit (mock LLM server)", () => {
  it("writes report.json with rounds, llmVotes, pruning and audit, plus rounds.svg and likely-errors.csv", async () => {
    const out = join(dir, "improved");
    const r = await alchemistAsync([
      "run",
      ...data(),
      ...llm(),
      "--n",
      "2",
      "--completions",
      "2",
      "--rounds",
      "3",
      "--llm-votes",
      "200",
      "--prune",
      "--audit",
      "--epochs",
      "3",
      "--out",
      out,
    ]);
    expect(r.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const [r1, r2, r3] = report.rounds;
    expect(report.rounds).toHaveLength(3);
    expect(r1).toMatchObject({ round: 1, kept: true, proposed: 4, duplicates: 2, programs: 2, calls: 4 });
    expect(r2).toMatchObject({ round: 2, kept: true, programsAdded: 1, programs: 3, focus: { uncovered: 18 } });
    expect(r2.devF1).toBeGreaterThan(r1.devF1);
    expect(r2.coverage).toBeGreaterThan(r1.coverage);
    expect(r2.calls).toBe(2);
    expect(r3.round).toBe(3);
    // pruning: the contrarian program is below chance on dev and disabled
    expect(report.pruning.flags).toContainEqual(expect.objectContaining({ program: "gen_03_plain", reason: "below-chance", disabled: true }));
    expect(report.programs.map((p: { name: string }) => p.name)).not.toContain("gen_03_plain");
    expect(report.programs.at(-1)).toMatchObject({ name: "llm_votes", language: "llm" });
    // LLM votes: min(200, 60 rows) rows, 10 per call
    expect(report.llmVotes).toMatchObject({ rows: 60, batchSize: 10, calls: 6, coverage: 1, unparsed: 0, devAccuracy: 1 });
    expect(report.llmVotes.programsOnly.costUsd).toBeGreaterThan(0);
    expect(report.llmVotes.zeroShotAlone).toMatchObject({ testCoverage: 1, test: { accuracy: 1, n: 12 } });
    expect(report.audit).toMatchObject({ folds: 5 });
    expect(readFileSync(join(out, "likely-errors.csv"), "utf8")).toMatch(
      /^rank,id,split,label,label_source,suggested,self_confidence,model_confidence,vote_disagreement,text\r\n/,
    );
    expect(readFileSync(join(out, "rounds.svg"), "utf8")).toMatch(/^<svg[\s\S]*Rounds: dev F1 and coverage[\s\S]*<\/svg>\n$/);
    expect(existsSync(join(out, "programs", `${r2.added[0]}.js`))).toBe(true);
    expect(kinds()).toEqual({ program: 4, aimed: 2 + (r3.calls as number), votes: 6 });
    expect(report.llm.calls).toBe(mock.requests.length);
    expect(r.stdout).toMatch(/round\s+kept\s+aimed at/);
    expect(r.stdout).toMatch(/pruned {2}gen_03_plain: below chance on dev/);
    expect(r.stdout).toMatch(/programs \+ LLM votes/);
  });

  it("run --rounds 3 --llm-votes 200 --prune: API calls scale with programs and K, never with the dataset's size (300 vs 1200 rows)", async () => {
    interface Round {
      round: number;
      calls: number;
      focus: { uncovered: number } | null;
    }
    interface Report {
      rounds: Round[];
      llmVotes: { programsOnly: { costUsd: number }; programsPlusLlmVotes: { costUsd: number } };
      pruning: unknown;
    }
    const run = async (file: string, out: string): Promise<{ calls: Record<string, number>; report: Report }> => {
      await mock.close();
      mock = await startMock();
      const r = await alchemistAsync([
        "run",
        ...data(file),
        ...llm(),
        "--n",
        "2",
        "--rounds",
        "3",
        "--llm-votes",
        "200",
        "--prune",
        "--epochs",
        "2",
        "--out",
        join(dir, out),
      ]);
      expect(r.stderr).not.toMatch(/Error|at .*\.ts/);
      expect(r.status).toBe(0);
      const report = JSON.parse(readFileSync(join(dir, out, "report.json"), "utf8")) as Report;
      return { calls: kinds(), report };
    };
    // both sizes have more than K = 200 rows, so K (not the dataset) caps the LLM votes
    const small = await run(bigger(300), "calls-300");
    const large = await run(bigger(1200), "calls-1200");
    expect(large.calls).toEqual(small.calls);
    expect(small.calls).toMatchObject({ program: 2, votes: 20 });
    expect(small.calls.aimed).toBeGreaterThan(0);
    for (const { report } of [small, large]) {
      expect(report.rounds.length).toBeGreaterThanOrEqual(2);
      expect(report.rounds.length).toBeLessThanOrEqual(3);
      report.rounds.forEach((round, i) => {
        expect(round).toMatchObject({
          round: i + 1,
          programs: expect.any(Number),
          programsAdded: expect.any(Number),
          coverage: expect.any(Number),
          devF1: expect.any(Number),
          calls: expect.any(Number),
          costUsd: expect.any(Number),
        });
      });
      expect(report.rounds[0]).toMatchObject({ calls: 2, focus: null });
      expect(report.rounds[1]!.focus!.uncovered).toBeGreaterThan(0);
      expect(report.llmVotes).toMatchObject({ rows: 200, batchSize: 10, calls: 20, unparsed: 0 });
      expect(report.llmVotes.programsPlusLlmVotes.costUsd).toBeGreaterThan(report.llmVotes.programsOnly.costUsd);
      expect(report.pruning).toMatchObject({ enabled: true });
    }
    // the rounds made the same calls at both sizes; what they aimed at grew with the data
    expect(large.report.rounds.map((r) => r.calls)).toEqual(small.report.rounds.map((r) => r.calls));
    expect(large.report.rounds[1]!.focus!.uncovered).toBe(4 * small.report.rounds[1]!.focus!.uncovered);
  });

  it("refuses --rounds without an LLM writing the programs", async () => {
    const r = await alchemistAsync(["run", ...data(), "--programs", join(dir, "programs"), "--rounds", "2", "--out", join(dir, "x")]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      "alchemist: --rounds needs an LLM provider writing the programs (--provider openai|anthropic|openai-compatible|replay, without --programs)",
    );
    expect(existsSync(join(dir, "x"))).toBe(false);
  });

  it("--prune works on the user's own programs", async () => {
    const out = join(dir, "pruned");
    const r = await alchemistAsync(["run", ...data(), "--programs", join(dir, "programs"), "--prune", "--epochs", "2", "--out", out]);
    expect(r.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.pruning).toMatchObject({ enabled: true });
    expect(report.rounds).toBeUndefined();
  });
});
