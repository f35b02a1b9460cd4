import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelMatrixToRows } from "../../core/label-matrix";
import type { ProgramRunner } from "../../core/program";
import { createLocalRunner } from "./create-local-runner";
import { cpythonIsolation } from "./cpython-isolation";
import { js, py } from "./runner-fixtures";

// Multi-label votes travel as class-set bitmasks: sports = bit 0 (1), politics = bit 1 (2), tech = bit 2 (4).
const classNames = ["sports", "politics", "tech"];
const texts = ["match vote", "match", "quiet", "chip election", "boom"];
const PY_SET = py(
  "py_set",
  "def label_function(t):\n    out = set()\n    if 'match' in t: out.add('sports')\n    if 'vote' in t or 'election' in t: out.add(1)\n    if 'chip' in t: out.add('TECH')\n    if t == 'boom': return ['sports', 'nope']\n    return sorted(out, key=str) if out else -1\n",
);
const JS_SET = js(
  "js_set",
  "function label_function(t) {\n  if (t === 'boom') return true;\n  if (t === 'quiet') return [];\n  const out = [];\n  if (t.includes('match')) out.push(0);\n  if (t.includes('election')) out.push('politics', 'politics');\n  if (t.includes('chip')) out.push('tech');\n  return out.length === 1 ? out[0] : out;\n}\n",
);
const RUNTIMES = (["pyodide", "cpython"] as const).filter((r) => r === "pyodide" || cpythonIsolation().ok);

describe.each(RUNTIMES)("multi-label apply, Python on %s", (pythonRuntime) => {
  let runner: ProgramRunner;
  beforeAll(() => {
    runner = createLocalRunner({ poolSize: 1, rowTimeoutMs: 1000, pythonRuntime });
  });
  afterAll(() => runner.close());

  it("turns returned class lists (indices, names, one class, empty) into bitmasks, -1 abstains, bad items are invalid output", async () => {
    const { L, meta } = await runner.apply([PY_SET, JS_SET], texts, { classNames, multiLabel: true });
    expect(labelMatrixToRows(L)).toEqual([
      [0b011, 0b001],
      [0b001, 0b001],
      [-1, 0],
      [0b110, 0b110],
      [-1, -1],
    ]);
    expect(meta[0]).toMatchObject({ faults: { "invalid-output": 1 } });
    expect(meta[0]!.firstError).toMatch(/row 4: invalid-output: returned \['sports', 'nope'\]: 'nope' is not a class, expected a list of classes/);
    expect(meta[1]!.firstError).toMatch(/returned boolean true, expected a list of classes/);
  });

  it("uses two-byte codes past 6 classes (2^7 sets) and refuses more than 15 classes", async () => {
    const many = Array.from({ length: 9 }, (_, c) => `c${c}`);
    const program = py("py_many", "def label_function(t):\n    return ['c8', 'c0'] if t == 'x' else [3]\n");
    const { L } = await runner.apply([program], ["x", "y"], { classNames: many, multiLabel: true });
    expect(Array.from(L.values)).toEqual([0b100000001, 0b1000]);
    await expect(runner.apply([program], ["x"], { classNames: Array.from({ length: 16 }, (_, c) => `c${c}`), multiLabel: true })).rejects.toThrow(
      /at most 15 classes.*got 16/,
    );
  });

  it("tryProgram shows the returned list and its bitmask vote", async () => {
    const rows = await runner.tryProgram(PY_SET, ["match vote", "quiet"], { classNames, multiLabel: true });
    expect(rows.map((r) => [r.output, r.vote])).toEqual([
      ["[1, 'sports']", 0b011],
      [-1, -1],
    ]);
  });
});
