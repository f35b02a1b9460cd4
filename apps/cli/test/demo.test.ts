import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { alchemist } from "./cli-fixture";

const dir = mkdtempSync(join(tmpdir(), "alchemist-demo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("alchemist demo (smoke, 300 e-mails)", () => {
  it("synthesizes programs, runs the pipeline and writes out/", () => {
    const result = alchemist(["demo", "--limit", "300", "--seed-size", "30", "--language", "javascript", "--out", "out"], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/distilled MLP\s+test accuracy \d\.\d{3}\s+F1 \d\.\d{3}/);
    expect(result.stdout).toMatch(/LLM calls: 0, tokens: 0 in \/ 0 out, cost: \$0\.0000/);
    const report = JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8"));
    expect(report.dataset).toMatchObject({ name: "spam-assassin", rows: 300, train: 210, dev: 30, test: 60 });
    expect(report.task.classes).toEqual(["ham", "spam"]);
    expect(report.demo.seedSet).toEqual({ rows: 30, from: "dev" });
    expect(report.programs.length).toBeGreaterThan(0);
    expect(report.distilled.test.accuracy).toBeGreaterThan(0.5);
    const programs = readdirSync(join(dir, "out", "programs"));
    expect(programs.length).toBe(report.programs.length);
    expect(programs.every((file) => file.endsWith(".js"))).toBe(true);
    expect(
      readFileSync(join(dir, "out", "labels.csv"), "utf8")
        .trimEnd()
        .split("\r\n"),
    ).toHaveLength(301);
  });
});
