import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { alchemist, BOOM_ROWS, expectedVotes, ROWS, writeFixture, fixtureDataFlags } from "./cli-fixture";

const dir = writeFixture();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataFlags = fixtureDataFlags(dir);

describe("alchemist run", () => {
  it("writes report.json with the contract keys, labels.csv with one row per data row, and the programs", () => {
    const out = join(dir, "out");
    const result = alchemist(["run", ...dataFlags, "--out", out, "--seed", "7"]);
    expect(result.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/LLM calls: 0, tokens: 0 in \/ 0 out, cost: \$0\.0000/);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.labelModel.name).toBe("mv");
    for (const model of [report.labelModel, report.distilled]) {
      expect(model.test.accuracy).toBeGreaterThanOrEqual(0);
      expect(model.test.accuracy).toBeLessThanOrEqual(1);
      expect(typeof model.test.f1).toBe("number");
    }
    expect(report.llm).toEqual({ calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });
    expect(report.dataset).toEqual({ name: "data", rows: ROWS, train: 40, dev: 8, test: 12 });
    const names = report.programs.map((p: { name: string }) => p.name);
    expect(names).toEqual(["kw_free", "kw_lunch", "py_boom"]);
    const free = report.programs[0];
    expect(free.coverage).toBeCloseTo(23 / 60);
    expect(free.devAccuracy).toBe(1);
    expect(report.programs[2].faults).toBe(BOOM_ROWS);
    expect(report.programs[2].faultsByKind).toEqual({ exception: BOOM_ROWS });
    const lines = readFileSync(join(out, "labels.csv"), "utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,label,p_ham,p_spam");
    expect(lines).toHaveLength(ROWS + 1);
    expect(readdirSync(join(out, "programs")).sort()).toEqual(["kw_free.py", "kw_lunch.js", "py_boom.py"]);
    expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
  });
});

describe("alchemist apply", () => {
  it("writes {programs, L, faults} with the programs' votes in row order", () => {
    const out = join(dir, "L.json");
    const result = alchemist(["apply", ...dataFlags, "--out", out]);
    expect(result.status).toBe(0);
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(Object.keys(written)).toEqual(["programs", "L", "faults", "stopped"]);
    expect(written.programs).toEqual(["kw_free", "kw_lunch", "py_boom"]);
    expect(written.L).toEqual(Array.from({ length: ROWS }, (_, i) => expectedVotes(i)));
    expect(written.faults).toEqual({ kw_free: {}, kw_lunch: {}, py_boom: { exception: BOOM_ROWS } });
    expect(written.stopped).toEqual({});
    expect(existsSync(join(dir, ".L.json.tmp"))).toBe(false);
  });
});
