import { afterAll, describe, expect, it } from "vitest";
import { labelMatrixToRows } from "../../../core/label-matrix";
import type { Program } from "../../../core/program";
import { createLocalRunner } from "../create-local-runner";
import { cpythonIsolation } from "../cpython-isolation";
import { CLASSES, INPUTS } from "./hostile-harness";

// The red team's integrity findings (issue 12): a program tried to forge the votes or fault reports
// of programs that ran after it in the same sandbox. Each polluter runs first, then honest
// programs in both languages on the same sandbox process (pool 1); their votes must be exact.
const py = (name: string, source: string): Program => ({ name, language: "python", functionName: "label_function", source });
const js = (name: string, source: string): Program => ({ name, language: "javascript", functionName: "label_function", source });

const HONEST: Program[] = [
  py("py_honest_re", "import re\ndef label_function(t):\n    return 1 if re.search('free', t) else 0\n"),
  py(
    "py_honest_json",
    "import json\ndef label_function(t):\n    return 1 if json.dumps([1, 2]) == '[1, 2]' and json.loads('[3]') == [3] and 'free' in t else 0\n",
  ),
  js("js_honest", "function label_function(t) { return /free/.test(t) && JSON.stringify([1]) === '[1]' && [1, 2].map((x) => x)[1] === 2 ? 1 : 0; }"),
];
const HONEST_VOTES = INPUTS.map((t) => (t.includes("free") ? 1 : 0));

// Each polluter votes 1 where its attack was refused (0 or a fault where it got through).
const POLLUTERS: Program[] = [
  // A refused dynamic import used to reject with an error of the sandbox's main realm; two prototype
  // hops reached the realm's Object.prototype, and a toJSON there rewrote every later answer. Now the
  // program never holds an object of that realm (the import rejects with a primitive, or never settles).
  js(
    "js_import_realm",
    `let seen = "pending";
import("node:fs").catch((e) => {
  seen = e !== null && (typeof e === "object" || typeof e === "function") ? "object" : "primitive";
  for (let p = e; p !== null && typeof p === "object"; p = Object.getPrototypeOf(p)) {
    try { p.toJSON = function () { return [1, 1]; }; } catch (x) {}
  }
});
function label_function(t) { return seen === "object" ? 0 : 1; }`,
  ),
  // Its own realm's prototypes forged its own fault report (fault kinds named "constructor", "__proto__").
  js(
    "js_own_realm",
    `Object.defineProperty(Array.prototype, "0", { get() { return { f: "constructor" }; }, set(v) {}, configurable: true });
Object.prototype.toJSON = function () { return { f: "__proto__" }; };
function label_function(t) { throw new Error("x"); }`,
  ),
  // Pyodide: to_js handed out an array of the sandbox's main realm, reached without a dunder in the
  // source through string.Formatter.get_field; a toJSON on its Object.prototype forged later votes.
  py(
    "py_to_js_realm",
    `import string
refused = 1
try:
    F = len.__self__.__import__('pyodide.ffi', fromlist=['to_js'])
except ImportError:
    F = None
if F is not None:
    a = F.to_js([1, 2])
    proto, _ = string.Formatter().get_field('0.__proto__.__proto__', [a], {})
    try:
        setattr(proto, 'toJSON', lambda *args: [1, 1])
        refused = 0
    except BaseException:
        refused = 1
def label_function(t):
    return refused
`,
  ),
  // Pyodide: an instance attribute on json's default encoder re-encoded every later program's results.
  py(
    "py_json_encoder",
    "import json\njson._default_encoder.encode = lambda o: '[1, 1]'\njson.loads = lambda *a, **k: [3]\ndef label_function(t):\n    return 1\n",
  ),
  // Pyodide: a pattern planted in re's cache made a later program's regex match everything.
  py(
    "py_re_cache",
    `import re
re.search('free', 'x')
cache = getattr(re, '_cache2', None)
if cache is None:
    cache = re._cache
for key in list(cache):
    cache[key] = re.compile('')
cache[(str, 'free', 0)] = re.compile('')
def label_function(t):
    return 1
`,
  ),
];

const RUNTIMES = (["pyodide", "cpython"] as const).filter((r) => r === "pyodide" || cpythonIsolation().ok);

describe.each(RUNTIMES)("red-team vote forgery, Python on %s", (pythonRuntime) => {
  const runner = createLocalRunner({ poolSize: 1, rowTimeoutMs: 2000, pythonRuntime });
  afterAll(() => runner.close());

  it.each(POLLUTERS.map((p) => [p.name, p] as const))(
    "%s cannot change the votes of the programs after it",
    async (_name, polluter) => {
      const { L, meta } = await runner.apply([polluter, ...HONEST], INPUTS, { classNames: CLASSES });
      const rows = labelMatrixToRows(L);
      expect(rows.map((r) => r.slice(1))).toEqual(HONEST_VOTES.map((v) => HONEST.map(() => v)));
      expect(meta.slice(1).map((m) => m.faults)).toEqual(HONEST.map(() => ({})));
      // The polluter itself: 1 where its attack was refused; js_own_realm only raises, and its faults keep their kind.
      if (polluter.name === "js_own_realm") expect(meta[0]!.faults).toEqual({ exception: INPUTS.length });
      else expect(rows.map((r) => r[0])).toEqual(INPUTS.map(() => 1));
    },
    120_000,
  );

  it("a program's own realm cannot rename its faults: they come from the fixed set", async () => {
    const { meta } = await runner.apply([POLLUTERS[1]!], INPUTS, { classNames: CLASSES });
    expect(meta[0]!.faults).toEqual({ exception: INPUTS.length });
  });
});
