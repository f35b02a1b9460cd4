import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelMatrixToRows } from "../../core/label-matrix";
import type { ProgramRunner } from "../../core/program";
import { createLocalRunner } from "./create-local-runner";
import { cpythonIsolation } from "./cpython-isolation";
import { CLASSES, JS_BOOM, JS_KEYWORD, JS_LOOP, PY_BOOM, PY_KEYWORD, PY_LOOP, TEXTS, js, py } from "./runner-fixtures";
import { testBudget } from "../testing/test-budget";

const classNames = [...CLASSES];
// Every behaviour holds on both Python runtimes (CPython sandbox where the OS allows it).
const RUNTIMES = (["pyodide", "cpython"] as const).filter((r) => r === "pyodide" || cpythonIsolation().ok);

describe.each(RUNTIMES)("createLocalRunner, Python on %s", (pythonRuntime) => {
  let runner: ProgramRunner;
  beforeAll(() => {
    runner = createLocalRunner({ poolSize: 1, rowTimeoutMs: 300, pythonRuntime });
  });
  afterAll(() => runner.close());

  describe("createLocalRunner apply", () => {
    it("votes with indices, class names and -1 in both languages", async () => {
      const { L, meta } = await runner.apply([PY_KEYWORD, JS_KEYWORD], ["free money", "win big", "hi", "a very long greeting"], { classNames });
      expect(labelMatrixToRows(L)).toEqual([
        [1, 1],
        [1, -1],
        [-1, -1],
        [-1, 0],
      ]);
      expect(meta.map((p) => p.faults)).toEqual([{}, {}]);
    });

    it("counts exceptions with message and line", async () => {
      const { L, meta } = await runner.apply([PY_BOOM, JS_BOOM], ["a", "boom", "boom!"], { classNames });
      expect(labelMatrixToRows(L)).toEqual([
        [0, 1],
        [-1, -1],
        [-1, -1],
      ]);
      expect(meta[0]).toMatchObject({ faults: { exception: 2 }, firstError: "row 1: exception: ZeroDivisionError: division by zero (line 3)" });
      expect(meta[1]).toMatchObject({ faults: { exception: 2 }, firstError: "row 1: exception: TypeError: no boom allowed (line 2)" });
    });

    it("records invalid outputs as faults and abstains", async () => {
      const pyBad = py("py_bad", "def label_function(t):\n    return {'none': None, 'bool': True, 'seven': 7, 'name': 'unknown', 'float': 1.0}[t]\n");
      const jsBad = js("js_bad", "function label_function(t) { return { none: null, bool: true, seven: 7, name: 'unknown', float: 0.5 }[t]; }");
      const { L, meta } = await runner.apply([pyBad, jsBad], ["none", "bool", "seven", "name", "float"], { classNames });
      expect(Array.from(L.values).every((v) => v === -1)).toBe(true);
      expect(meta.map((p) => p.faults)).toEqual([{ "invalid-output": 5 }, { "invalid-output": 5 }]);
      expect(meta[0]!.firstError).toContain("returned None/null");
    });

    it("times out infinite loops and still runs later rows and programs", async () => {
      const { L, meta } = await runner.apply([PY_LOOP, JS_LOOP, JS_KEYWORD], ["a", "loop", "b"], { classNames });
      expect(labelMatrixToRows(L)).toEqual([
        [0, 1, -1],
        [-1, -1, -1],
        [0, 1, -1],
      ]);
      expect(meta.map((p) => p.faults)).toEqual([{ timeout: 1 }, { timeout: 1 }, {}]);
    });

    it("records a crashed child and continues with a fresh one", async () => {
      // `import os` is refused, so the program digs os._exit out of a stdlib class's globals.
      const pyExit = py(
        "py_exit",
        "def label_function(t):\n    for c in ().__class__.__base__.__subclasses__():\n        if c.__name__ == '_wrap_close':\n            c.__init__.__globals__['_exit'](3)\n",
      );
      const { L, meta } = await runner.apply([pyExit, PY_KEYWORD], ["free", "win"], { classNames });
      expect(labelMatrixToRows(L)).toEqual([
        [-1, 1],
        [-1, 1],
      ]);
      expect(meta[0]!.faults).toEqual({ crash: 2 });
      expect(meta[0]!.firstError).toMatch(/crash: the program's process exited with code 3/);
    });

    it("never hands programs files, env or modules", async () => {
      const programs = [
        py("py_open", "def label_function(t):\n    return open('/etc/passwd').read()\n"),
        py("py_js", "def label_function(t):\n    import js\n    return js.process.env\n"),
        js("js_require", "function label_function(t) { return require('fs').readFileSync('/etc/passwd', 'utf8'); }"),
        js("js_env", "function label_function(t) { return process.env.HOME; }"),
        js("js_escape", "function label_function(t) { return this.constructor.constructor('return process')().env.HOME; }"),
      ];
      const { L, meta } = await runner.apply(programs, ["x"], { classNames });
      expect(Array.from(L.values)).toEqual([-1, -1, -1, -1, -1]);
      expect(meta.map((p) => Object.keys(p.faults))).toEqual(programs.map(() => ["exception"]));
      expect(meta.map((p) => p.firstError).join("\n")).not.toMatch(/root:|\/root/);
    });

    it("rejects bad arguments and an aborted signal", async () => {
      await expect(runner.apply([PY_KEYWORD], ["x"], { classNames: ["only"] })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
      await expect(runner.apply([{ ...PY_KEYWORD, functionName: "a b" }], ["x"], { classNames })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
      expect(() => createLocalRunner({ poolSize: 0 })).toThrow(/poolSize must be a positive integer, got 0/);
      const controller = new AbortController();
      const running = runner.apply([JS_LOOP], Array(50).fill("loop"), { classNames, signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      await expect(running).rejects.toMatchObject({ code: "ABORTED" });
      const after = await runner.apply([JS_KEYWORD], ["free"], { classNames });
      expect(Array.from(after.L.values)).toEqual([1]);
    });
  });

  describe("createLocalRunner check", () => {
    it("reports syntax errors with line and column", async () => {
      const pyResult = await runner.check(py("p", "def label_function(t):\n    return (1 +\n"));
      expect(pyResult.ok).toBe(false);
      expect(pyResult.errors[0]).toMatchObject({ line: 2, message: expect.stringContaining("SyntaxError") });
      const jsResult = await runner.check(js("j", "function label_function(t) {\n  return 1 +;\n}"));
      expect(jsResult).toMatchObject({ ok: false, errors: [{ line: 2, column: expect.any(Number) }] });
    });

    it("reports missing functions and wrong arity", async () => {
      expect((await runner.check(py("p", "def other(t):\n    return 1\n"))).errors[0]!.message).toMatch(/no top-level def label_function/);
      expect((await runner.check(py("p", "def label_function(a, b):\n    return 1\n"))).errors[0]).toMatchObject({ line: 1 });
      expect((await runner.check(js("j", "function other(t) { return 1; }"))).errors[0]!.message).toMatch(/no function named label_function/);
      expect((await runner.check(js("j", "const label_function = () => 1;"))).errors[0]!.message).toMatch(/exactly one parameter, it takes 0/);
      expect(await runner.check(PY_KEYWORD)).toEqual({ ok: true, errors: [] });
      expect(await runner.check(JS_BOOM)).toEqual({ ok: true, errors: [] });
    });
  });

  describe("createLocalRunner determinism", () => {
    it("gives identical L and faults for pool 1 vs 2 and chunk 3 vs 1000", async () => {
      // Loops are left out: whether a row times out depends on the machine, not on chunking.
      const programs = [PY_KEYWORD, PY_BOOM, JS_KEYWORD, JS_BOOM];
      const inputs = Array.from({ length: 30 }, (_, i) => TEXTS[i % TEXTS.length]!);
      const other = createLocalRunner({ poolSize: 2, chunkSize: 3, rowTimeoutMs: 300, pythonRuntime });
      const progress: number[] = [];
      try {
        const a = await runner.apply(programs, inputs, { classNames });
        const b = await other.apply(programs, inputs, { classNames, onProgress: (p) => progress.push(p.done / p.total) });
        expect(Array.from(b.L.values)).toEqual(Array.from(a.L.values));
        expect(b.meta.map((p) => [p.faults, p.firstError])).toEqual(a.meta.map((p) => [p.faults, p.firstError]));
        expect(a.meta[1]!.faults.exception).toBe(3);
        expect(progress.at(-1)).toBe(1);
        // One report per (chunk, language): 10 chunks of 3 rows, Python and JavaScript.
        expect(progress.length).toBe(2 * 10);
      } finally {
        await other.close();
      }
    });
  });

  describe("createLocalRunner isolation across chunks", () => {
    it(
      "a program's leftovers never reach a different program, however many chunks a child runs in a row",
      async () => {
        const chunked = createLocalRunner({ poolSize: 1, chunkSize: 1, rowTimeoutMs: 300, pythonRuntime });
        const polluters = [
          py("py_pollute", "import re\nre.search = lambda *a, **k: None\ndef label_function(t):\n    return 1\n"),
          js("js_pollute", "String.prototype.includes = () => false;\nglobalThis.leak = 1;\nfunction label_function(t) { return 1; }"),
        ];
        const checkers = [
          py("py_check", "import re\ndef label_function(t):\n    return 1 if re.search('a', t) else 0\n"),
          js("js_check", "function label_function(t) { return t.includes('a') && typeof leak === 'undefined' ? 1 : 0; }"),
        ];
        try {
          const { L } = await chunked.apply([...polluters, ...checkers], ["a", "ba", "ca", "da"], { classNames });
          expect(labelMatrixToRows(L)).toEqual(Array.from({ length: 4 }, () => [1, 1, 1, 1]));
        } finally {
          await chunked.close();
        }
      },
      testBudget(60_000),
    );
  });
});
