import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockLlmServer, type MockLlmServer, type MockRequest } from "../../../packages/engine/src/node/llm/testing/mock-llm-server";
import { alchemistAsync, jsTaskDataFlags, writeFixture, writeScaleFixture } from "./cli-fixture";

const dir = writeFixture();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bigger = writeScaleFixture(dir);
const data = (file?: string): string[] => jsTaskDataFlags(dir, file);

// Every program prompt gets the next of six keyword rules (each passes validation, so no repair
// calls blur the counts); info requests and zero-shot prompts get their own answers.
const RULES: readonly [string, number][] = [
  ["free", 1],
  ["lunch", 0],
  ["claim", 1],
  ["meeting", 0],
  ["prize", 1],
  ["call me", 0],
];
const program = ([word, cls]: readonly [string, number]): string =>
  `\`\`\`javascript\nfunction label_function(text) {\n  if (String(text).toLowerCase().includes(${JSON.stringify(word)})) return ${cls};\n  return -1;\n}\n\`\`\``;
const kindOf = (r: MockRequest): "program" | "repair" | "info" | "zeroShot" => {
  const turns = r.body.messages.filter((m) => m.role !== "system");
  const first = String(turns[0]!.content);
  if (/what is the category/.test(first)) return "zeroShot";
  if (!/Write a bug-free and executable function/.test(first)) return "info";
  return turns.length > 1 ? "repair" : "program";
};
let mock: MockLlmServer;
const kinds = (): Record<string, number> => {
  const count: Record<string, number> = { program: 0, repair: 0, info: 0, zeroShot: 0 };
  for (const r of mock.requests) count[kindOf(r)]!++;
  return count;
};
beforeEach(async () => {
  let programs = 0;
  mock = await startMockLlmServer((req) => {
    const prompt = String(req.body.messages.at(-1)!.content);
    const kind = kindOf(req);
    if (kind === "zeroShot") return { text: /free|win|claim|cash|cheap/.test(prompt.split("\n")[0]!) ? "spam" : "ham", inputTokens: 20, outputTokens: 1 };
    if (kind === "info") return { text: "spam: free, win, claim, cash\nham: lunch, meeting, call me", inputTokens: 80, outputTokens: 20 };
    if (kind === "repair") return { text: program(RULES[0]!) };
    return { text: program(RULES[programs++ % RULES.length]!), inputTokens: 300, outputTokens: 60 };
  });
});
afterEach(() => mock.close());
const llm = (): string[] => ["--provider", "openai", "--base-url", mock.openaiBaseURL, "--model", "gpt-4o-mini", "--concurrency", "1"];
const GRID = ["--programs", "1,2,4", "--info", "none,keywords", "--temperatures", "0.3,1.0", "--zero-shot-sample", "5"];

describe("alchemist sweep (mock LLM server)", () => {
  it("runs the grid, prints the table, writes sweep.json/csv/svg and reuses cached answers on a re-run", async () => {
    const out = join(dir, "sweep");
    const r = await alchemistAsync(["sweep", ...data(), ...llm(), ...GRID, "--out", out]);
    expect(r.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(r.status).toBe(0);
    const first = kinds();
    // 4 cells (2 info kinds x 2 temperatures) x 4 programs, one keywords request, 5 zero-shot test rows
    expect(first).toEqual({ program: 16, repair: 0, info: 1, zeroShot: 5 });
    const sweep = JSON.parse(readFileSync(join(out, "sweep.json"), "utf8"));
    expect(sweep.grid).toMatchObject({ programs: [1, 2, 4], info: ["none", "keywords"], temperatures: [0.3, 1], model: "gpt-4o-mini" });
    expect(sweep.cells).toHaveLength(4);
    expect(sweep.points).toHaveLength(12);
    const cell = sweep.points.filter((p: { info: string; temperature: number }) => p.info === "none" && p.temperature === 0.3);
    expect(cell.map((p: { programs: number }) => p.programs)).toEqual([1, 2, 4]);
    // a longer prefix costs more and covers at least as much
    expect(cell[1].costUsd).toBeGreaterThan(cell[0].costUsd);
    expect(cell[2].coverage).toBeGreaterThanOrEqual(cell[1].coverage);
    expect(sweep.baseline).toMatchObject({ name: "zero-shot", rows: 5 });
    expect(sweep.baseline.f1).toBeGreaterThan(0);
    expect(sweep.ledger.calls).toBe(mock.requests.length);
    // the table: a header and one line per point
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^info\s+temperature\s+programs\s+available\s+coverage\s+dev F1\s+test F1/);
    expect(lines.filter((l) => /^(none|keywords)\s+(0\.3|1)\s+[124]\s/.test(l))).toHaveLength(12);
    expect(r.stdout).toMatch(/zero-shot baseline: test F1 \d\.\d{3} on 5 test rows/);
    expect(readFileSync(join(out, "sweep.csv"), "utf8").split("\r\n")).toHaveLength(14);
    const svg = readFileSync(join(out, "sweep.svg"), "utf8");
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    expect(svg).toMatch(/zero-shot/);
    expect(existsSync(join(out, "programs", "keywords-t1"))).toBe(true);

    // same grid again: every program and zero-shot answer comes from --out/llm-cache
    const again = await alchemistAsync(["sweep", ...data(), ...llm(), ...GRID, "--out", out]);
    expect(again.status).toBe(0);
    expect(kinds()).toEqual(first);
    // the second keywords cell already found the first one's answer in the cache; the re-run finds all 23
    expect(r.stdout).toMatch(/LLM calls this sweep: 22 \(1 from the cache\), \$0\.0\d*[1-9]/);
    expect(again.stdout).toMatch(/LLM calls this sweep: 0 \(23 from the cache\), \$0\.0000/);
    const rerun = JSON.parse(readFileSync(join(out, "sweep.json"), "utf8"));
    expect(rerun.points.map((p: { dev: unknown; test: unknown }) => [p.dev, p.test])).toEqual(
      sweep.points.map((p: { dev: unknown; test: unknown }) => [p.dev, p.test]),
    );
  });

  it("API calls scale with the grid's programs, not with the dataset's rows (60 vs 600)", async () => {
    const run = async (file: string, out: string): Promise<Record<string, number>> => {
      const before = kinds();
      const r = await alchemistAsync(["sweep", ...data(file), ...llm(), ...GRID, "--out", join(dir, out)]);
      expect(r.stderr).not.toMatch(/Error|at .*\.ts/);
      expect(r.status).toBe(0);
      const after = kinds();
      return Object.fromEntries(Object.keys(after).map((key) => [key, after[key]! - before[key]!]));
    };
    const small = await run(join(dir, "data.csv"), "sweep-60");
    const large = await run(bigger(600), "sweep-600");
    expect(large).toEqual(small);
    expect(small).toEqual({ program: 16, repair: 0, info: 1, zeroShot: 5 });
  });

  it("refuses a sweep without an LLM provider and writes nothing", async () => {
    const r = await alchemistAsync(["sweep", ...data(), "--programs", "1,2", "--out", join(dir, "no-llm")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/sweep compares LLM-written programs: name a provider/);
    expect(existsSync(join(dir, "no-llm"))).toBe(false);
  });

  it("names a bad program count", async () => {
    const r = await alchemistAsync(["sweep", ...data(), ...llm(), "--programs", "1,0", "--out", join(dir, "bad")]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/expected program counts in 1\.\.200 separated by commas, e\.g\. 1,2,5,10,20; got "1,0"/);
  });
});
