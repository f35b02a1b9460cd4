import { afterAll, describe, expect, it } from "vitest";
import { PYTHON_SPAM_PROGRAMS } from "../../../bench/spam-programs";
import type { ApplyResult, Program } from "../../core/program";
import { createLocalRunner } from "./create-local-runner";
import { resolvePythonRuntime } from "./resolve-python-runtime";
import { cpythonIsolation } from "./cpython-isolation";
import { PY_BOOM, PY_KEYWORD, TEXTS, py } from "./runner-fixtures";
import { testBudget } from "../testing/test-budget";

// The CPython sandbox must be a drop-in for Pyodide: same votes, same faults, same first errors,
// for any pool and chunk size.
const iso = cpythonIsolation();
const classNames = ["ham", "spam"];
const programs: Program[] = [
  PY_KEYWORD,
  PY_BOOM,
  ...PYTHON_SPAM_PROGRAMS.map((source, i) => py(`spam_${i}`, source)),
  py("py_invalid", "def label_function(t):\n    return {0: None, 1: True, 2: 7, 3: 'unknown', 4: 1.5, 5: 'x' * 2000}.get(len(t) % 7, 'spam')\n"),
  py(
    "py_stateful_import",
    "import statistics, difflib\ndef label_function(t):\n    return 1 if statistics.mean([len(w) for w in t.split()] or [0]) > 4 else 0\n",
  ),
  py("py_top_level_error", "raise ValueError('bad setup')\ndef label_function(t):\n    return 1\n"),
  py("py_no_function", "def other(t):\n    return 1\n"),
];
const inputs = Array.from(
  { length: 200 },
  (_, i) => `${TEXTS[i % TEXTS.length]!} ${"free win call now 0800123456 www.x.com £100 URGENT".split(" ")[i % 9]} ${i}`,
);
const comparable = (r: ApplyResult) => ({ L: Array.from(r.L.values), meta: r.meta.map((p) => [p.name, p.faults, p.firstError]) });

describe.skipIf(!iso.ok)("CPython sandbox vs Pyodide", () => {
  const runners = [
    createLocalRunner({ pythonRuntime: "pyodide", poolSize: 1, rowTimeoutMs: 2000 }),
    createLocalRunner({ pythonRuntime: "cpython", poolSize: 1, chunkSize: 1000, rowTimeoutMs: 2000 }),
    createLocalRunner({ pythonRuntime: "cpython", poolSize: 2, chunkSize: 7, rowTimeoutMs: 2000 }),
  ];
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.close()));
  });

  it(
    "gives the same L matrix, fault counts and first errors as Pyodide, for any pool and chunk size",
    async () => {
      const [pyodide, cpython, cpythonSmall] = await Promise.all(runners.map((r) => r.apply(programs, inputs, { classNames })));
      expect(comparable(cpython!)).toEqual(comparable(pyodide!));
      expect(comparable(cpythonSmall!)).toEqual(comparable(pyodide!));
      // The fixture exercises votes, abstains and several fault kinds, not just one of them.
      const faults = pyodide!.meta.flatMap((p) => Object.keys(p.faults));
      expect(new Set(faults)).toEqual(new Set(["exception", "invalid-output"]));
      expect(pyodide!.L.values.some((v) => v === 1) && pyodide!.L.values.some((v) => v === 0)).toBe(true);
    },
    testBudget(300_000),
  );

  it(
    "calls a program exactly once per row, in order (a stateful program agrees with Pyodide)",
    async () => {
      const counter = py(
        "counter",
        "calls = [0]\ndef label_function(t):\n    calls[0] += 1\n    if calls[0] % 50 == 0:\n        raise ValueError(calls[0])\n    return calls[0] % 2\n",
      );
      const [pyodide, cpython] = await Promise.all(runners.slice(0, 2).map((r) => r!.apply([counter], inputs, { classNames })));
      expect(comparable(cpython!)).toEqual(comparable(pyodide!));
      expect(Array.from(cpython!.L.values.slice(0, 4))).toEqual([1, 0, 1, 0]);
      expect(cpython!.meta[0]!.faults).toEqual({ exception: 4 });
    },
    testBudget(120_000),
  );

  it(
    "finds the exact rows that time out among many fast ones",
    async () => {
      const runner = createLocalRunner({ pythonRuntime: "cpython", poolSize: 1, rowTimeoutMs: 300 });
      try {
        const rows = Array.from({ length: 400 }, (_, i) => (i === 70 || i === 333 ? "loop" : `row ${i}`));
        const looping = py("looping", "def label_function(t):\n    while t == 'loop':\n        pass\n    return len(t) % 2\n");
        const { L, meta } = await runner.apply([looping], rows, { classNames });
        expect(meta[0]!.faults).toEqual({ timeout: 2 });
        expect(meta[0]!.firstError).toBe("row 70: timeout: ran past the time limit");
        expect(Array.from(L.values)).toEqual(rows.map((t) => (t === "loop" ? -1 : t.length % 2)));
      } finally {
        await runner.close();
      }
    },
    testBudget(120_000),
  );

  it(
    "answers check and tryProgram like Pyodide",
    async () => {
      const [pyodide, cpython] = runners;
      for (const program of [PY_KEYWORD, py("syntax", "def label_function(t):\n    return (1 +\n"), py("arity", "def label_function(a, b):\n    return 1\n")]) {
        expect(await cpython!.check(program)).toEqual(await pyodide!.check(program));
      }
      const strip = (rows: { output: unknown; vote: number; error?: unknown }[]) => rows.map(({ output, vote, error }) => ({ output, vote, error }));
      const sample = ["free money", "boom", "hi"];
      for (const program of [PY_KEYWORD, PY_BOOM]) {
        expect(strip(await cpython!.tryProgram(program, sample, { classNames }))).toEqual(strip(await pyodide!.tryProgram(program, sample, { classNames })));
      }
    },
    testBudget(120_000),
  );
});

describe("python runtime selection", () => {
  it("pyodide is always available; an unknown runtime is rejected with the allowed values", () => {
    expect(resolvePythonRuntime("pyodide")).toBeUndefined();
    expect(() => resolvePythonRuntime("jython")).toThrow(/"auto", "cpython" or "pyodide", got "jython"/);
  });

  it("auto picks CPython exactly when the isolation probe passed; cpython without it is an error naming the reason", () => {
    if (iso.ok) {
      expect(resolvePythonRuntime("auto")).toBe(iso);
      expect(resolvePythonRuntime("cpython")).toBe(iso);
    } else {
      expect(resolvePythonRuntime("auto")).toBeUndefined();
      expect(() => resolvePythonRuntime("cpython")).toThrow(iso.reason);
    }
  });
});
