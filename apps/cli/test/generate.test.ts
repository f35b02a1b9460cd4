import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockLlmServer, type MockLlmServer } from "../../../packages/engine/src/node/llm/testing/mock-llm-server";
import { writeFixture, writeJsTask, type CliResult } from "./cli-fixture";

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/alchemist.mjs");

/** Async spawn: the mock server lives in this process, so the event loop must keep running. */
function alchemistAsync(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: "1", ALCHEMIST_DEBUG: "", OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", ALCHEMIST_LLM_PROVIDER: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (status) => done({ status, stdout, stderr }));
  });
}

const dir = writeFixture();
writeJsTask(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = ["--data", join(dir, "data.csv"), "--task", join(dir, "task-js.yaml"), "--label-field", "label", "--split-field", "split"];
const program = (word: string, ok = true): string =>
  `\`\`\`javascript\nfunction label_function(text) {\n  if (text.includes("${word}")) return 1;\n  return text.includes("lunch") || text.includes("meeting") ? 0 : -1;\n${ok ? "}\n" : ""}\`\`\``;
const WORDS = ["free", "win", "claim"];

let mock: MockLlmServer;
beforeEach(async () => {
  let n = 0;
  mock = await startMockLlmServer((req) => {
    const turns = req.body.messages.filter((m) => m.role !== "system");
    if (turns.length > 1) return { text: program("cash"), inputTokens: 300, outputTokens: 60 };
    if (/what is the category/.test(String(turns[0]!.content)))
      return { text: /free|win|claim|cash|cheap/.test(String(turns[0]!.content)) ? "spam" : "ham", inputTokens: 20, outputTokens: 1 };
    const i = n++;
    return { text: program(WORDS[i % 3]!, i !== 1), inputTokens: 200, outputTokens: 50 };
  });
});
afterEach(() => mock.close());
const llm = (): string[] => ["--provider", "openai", "--base-url", mock.openaiBaseURL, "--model", "gpt-4o-mini", "--concurrency", "1"];

describe("alchemist generate / run with an LLM (local mock server, real OpenAI SDK)", () => {
  it("generate writes programs, generation.json and attempts.jsonl: one call per program plus the repair", async () => {
    const out = join(dir, "gen");
    const r = await alchemistAsync(["generate", ...data, ...llm(), "--n", "3", "--out", out]);
    expect(r.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(r.status).toBe(0);
    expect(mock.requests).toHaveLength(4);
    expect(readdirSync(join(out, "programs")).sort()).toEqual(["gen_01_plain.js", "gen_02_plain.js", "gen_03_plain.js"]);
    const g = JSON.parse(readFileSync(join(out, "generation.json"), "utf8"));
    expect(g.ledger).toMatchObject({ calls: 4, inputTokens: 900, outputTokens: 210 });
    expect(g.ledger.costUsd).toBeCloseTo((900 * 0.15 + 210 * 0.6) / 1e6, 12);
    expect(g.attempts.map((a: { id: string; verdict: { ok: boolean } }) => [a.id, a.verdict.ok])).toEqual([
      ["p00-r0", true],
      ["p01-r0", false],
      ["p01-r1", true],
      ["p02-r0", true],
    ]);
    expect(readFileSync(join(out, "attempts.jsonl"), "utf8").trim().split("\n")).toHaveLength(4);
    expect(r.stdout).toMatch(/programs cost \$0\.0003; zero-shot labeling of all 60 rows would cost ~\$0\.\d{4} \(\d+x more\)/);
  });

  it("run --provider generates, runs the pipeline and reports tokens, cost and the zero-shot baseline", async () => {
    const out = join(dir, "run");
    const r = await alchemistAsync(["run", ...data, ...llm(), "--n", "3", "--zero-shot-sample", "all", "--out", out]);
    expect(r.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.generation).toMatchObject({ provider: "openai", model: "gpt-4o-mini", programs: 3, calls: 4 });
    expect(report.zeroShotBaseline).toMatchObject({ rows: 12, calls: 12, unparsed: 0 });
    expect(report.llm).toMatchObject({ calls: 16, inputTokens: 900 + 12 * 20, outputTokens: 210 + 12 });
    expect(report.zeroShot.test.n).toBe(12);
    expect(existsSync(join(out, "generation", "attempts.jsonl"))).toBe(true);
    expect(r.stdout).toMatch(/LLM calls: 16, tokens: 1140 in \/ 222 out/);
    expect(r.stdout).toMatch(/zero-shot \(gpt-4o-mini\)/);
  });

  it("the budget stops generation before the call that would exceed it", async () => {
    const r = await alchemistAsync(["generate", ...data, ...llm(), "--n", "3", "--budget-usd", "0.00001", "--out", join(dir, "gen-budget")]);
    expect(r.status).toBe(0);
    expect(mock.requests).toHaveLength(1);
    expect(r.stdout).toMatch(/1 accepted, 2 failed, 1 attempts .*stopped by the budget/);
  });

  it("records responses and replays them without a server", async () => {
    const file = join(dir, "rec.jsonl");
    const first = await alchemistAsync(["generate", ...data, ...llm(), "--n", "2", "--record", file, "--out", join(dir, "gen-rec")]);
    expect(first.status).toBe(0);
    const calls = mock.requests.length;
    const again = await alchemistAsync([
      "generate",
      ...data,
      "--provider",
      "replay",
      "--replay",
      file,
      "--model",
      "gpt-4o-mini",
      "--n",
      "2",
      "--concurrency",
      "1",
      "--out",
      join(dir, "gen-replay"),
    ]);
    expect(again.stderr).toBe(
      "".concat(
        ...again.stderr
          .split("\n")
          .filter((l) => l.startsWith("alchemist: "))
          .map((l) => `${l}\n`),
      ),
    );
    expect(again.status).toBe(0);
    expect(mock.requests).toHaveLength(calls);
    for (const name of ["gen_01_plain.js", "gen_02_plain.js"]) {
      expect(readFileSync(join(dir, "gen-replay", "programs", name), "utf8")).toBe(readFileSync(join(dir, "gen-rec", "programs", name), "utf8"));
    }
  });

  it("--prompt-template replaces parts of the paper's prompt and rejects unknown parts", async () => {
    const template = join(dir, "prompt.yaml");
    writeFileSync(template, 'mission: "Write a careful, well-tested function in {language} to {task}"\n');
    const out = join(dir, "gen-template");
    const r = await alchemistAsync(["generate", ...data, ...llm(), "--n", "1", "--prompt-template", template, "--out", out]);
    expect(r.status).toBe(0);
    const user = mock.requests[0]!.body.messages.filter((m) => m.role !== "system")
      .map((m) => String(m.content))
      .join("\n");
    expect(user).toContain("Write a careful, well-tested function in javascript to label short messages as spam or ham.");
    expect(user).not.toContain("Write a bug-free and executable function");

    writeFileSync(template, "mision: typo\n");
    const bad = await alchemistAsync(["generate", ...data, ...llm(), "--n", "1", "--prompt-template", template, "--out", join(dir, "gen-bad")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe(`alchemist: ${template}: unknown prompt part "mision" (known: system, mission, instruction, signature)`);
    expect(mock.requests).toHaveLength(1);
    expect(existsSync(join(dir, "gen-bad"))).toBe(false);
  });

  it("names the missing key and exits 2", async () => {
    const r = await alchemistAsync(["generate", ...data, "--provider", "anthropic", "--out", join(dir, "x")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/alchemist: --provider anthropic needs ANTHROPIC_API_KEY in the environment/);
  });
});
