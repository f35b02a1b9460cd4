import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { alchemist, writeFixture } from "./cli-fixture";

const dir = writeFixture();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, "no-programs"));
writeFileSync(join(dir, "bad-task.yaml"), "name: broken\nclasses:\n  - {name: only, description: one class}\n");
mkdirSync(join(dir, "broken-programs"));
writeFileSync(join(dir, "broken-programs", "typo.py"), "def label_function(text)\n    return 1\n");

interface Case {
  readonly name: string;
  readonly args: Record<string, string>;
  /** The file the one-line message must name, and a fragment of the cause. */
  readonly names: string;
  readonly cause: RegExp;
}

const cases: Case[] = [
  { name: "a missing data file", args: { "--data": "missing.csv" }, names: "missing.csv", cause: /no such file|not found|cannot read/i },
  { name: "an unknown label field", args: { "--label-field": "nope" }, names: "data.csv", cause: /"nope"/ },
  { name: "a malformed task", args: { "--task": "bad-task.yaml" }, names: "bad-task.yaml", cause: /classes/ },
  { name: "an empty programs folder", args: { "--programs": "no-programs" }, names: "no-programs", cause: /no .*programs/i },
  { name: "a program with a syntax error", args: { "--programs": "broken-programs" }, names: "typo.py", cause: /line 1/ },
];

const defaults = { "--data": "data.csv", "--task": "task.yaml", "--programs": "programs" };

describe("alchemist bad input", () => {
  for (const command of ["run", "apply"] as const) {
    for (const c of cases) {
      // apply shares the loader with run; one case is enough to prove its exit path.
      if (command === "apply" && c.name !== "a missing data file") continue;
      it(`${command}: ${c.name} exits 2 with one line naming the file, leaving nothing behind`, () => {
        const before = readdirSync(dir).sort();
        const out = command === "run" ? "out" : "L.json";
        const flags = Object.entries({ ...defaults, ...c.args }).flat();
        const result = alchemist([command, ...flags, "--out", out], dir);
        expect(result.status).toBe(2);
        const lines = result.stderr
          .trim()
          .split("\n")
          .filter((line) => !/^alchemist: [a-z-]+: \d+\/\d+/.test(line));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^alchemist: /);
        expect(lines[0]).toContain(c.names);
        expect(lines[0]).toMatch(c.cause);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(readdirSync(dir).sort()).toEqual(before);
      });
    }
  }

  it("rejects a bad flag value with exit 2 before reading anything", () => {
    const result = alchemist(["apply", ...Object.entries(defaults).flat(), "--seed", "x", "--out", "L.json"], dir);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^alchemist: option '--seed <n>' argument 'x' is invalid/);
  });
});
