import { afterAll, describe, expect, it } from "vitest";
import { createLocalRunner } from "./create-local-runner";
import { js, py } from "./runner-fixtures";
import { testBudget } from "../testing/test-budget";

const runner = createLocalRunner({ poolSize: 1, rowTimeoutMs: 300 });
const classNames = ["ham", "spam"];
afterAll(() => runner.close());

describe("tryProgram", () => {
  it(
    "reports raw output, vote, error and time per row in both languages",
    async () => {
      const program = js(
        "j",
        "function label_function(t) {\n  if (t === 'boom') throw new Error('bad row');\n  if (t === 'obj') return { a: 1 };\n  return t.length > 3 ? 'SPAM' : -1;\n}",
      );
      const rows = await runner.tryProgram(program, ["free money", "hi", "boom", "obj"], { classNames });
      expect(rows.map((r) => [r.output, r.vote, r.error?.kind])).toEqual([
        ["SPAM", 1, undefined],
        [-1, -1, undefined],
        [null, -1, "exception"],
        ['{"a":1}', -1, "invalid-output"],
      ]);
      expect(rows[2]!.error!.message).toBe("Error: bad row (line 2)");
      expect(rows.every((r) => typeof r.millis === "number" && r.millis >= 0)).toBe(true);
      const pyRows = await runner.tryProgram(
        py("p", "def label_function(t):\n    if t == 'x' * 3:\n        return 'y' * 500\n    return 1 if 'free' in t else None\n"),
        ["free", "no", "xxx"],
        { classNames },
      );
      expect(pyRows.map((r) => [r.vote, r.error?.kind])).toEqual([
        [1, undefined],
        [-1, "invalid-output"],
        [-1, "invalid-output"],
      ]);
      expect(pyRows[1]!.output).toBeNull();
      expect(String(pyRows[2]!.output).length).toBeLessThanOrEqual(210);
    },
    testBudget(120_000),
  );

  it("rejects too many rows, too few classes and an aborted signal", async () => {
    const program = js("j", "function label_function(t) { return 1; }");
    await expect(runner.tryProgram(program, new Array(1001).fill("x"), { classNames })).rejects.toThrow(/at most 1000 rows, got 1001/);
    await expect(runner.tryProgram(program, ["x"], { classNames: ["a"] })).rejects.toThrow(/at least 2 class names, got 1/);
    await expect(runner.tryProgram(program, ["x"], { classNames, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: "ABORTED" });
  });
});
