import type { ApplyResult, FaultKind, Program } from "../../../core/program";

/**
 * A battery of hostile programs that cost time or memory (loops, sleeps, memory bombs, huge
 * outputs, ReDoS, huge numbers, processes that die), mixed with benign neighbours whose votes must
 * come out exact. Used by `battery.test.ts` (few rows) and `npm run bench:hostile` (300 rows, the
 * issue's bar: finished and contained within 120 s).
 */
export interface BatteryCase {
  readonly program: Program;
  /** Fault kinds the program's rows may get; every row must be one of them unless `votes` says otherwise. */
  readonly faults: readonly FaultKind[];
  /** For programs that vote on some rows (slow but legal): the vote expected where a row is not a fault. */
  readonly vote?: number;
  /** The program must have been stopped for the rest of the apply (loops, sleeps, bombs). */
  readonly stopped?: RegExp;
}

const py = (name: string, source: string): Program => ({ name, language: "python", functionName: "label_function", source });
const js = (name: string, source: string): Program => ({ name, language: "javascript", functionName: "label_function", source });
const pyFn = (body: string, head = ""): string =>
  `${head}def label_function(t):\n${body
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n")}\n`;
const jsFn = (body: string, head = ""): string => `${head}function label_function(t) {\n${body}\n}\n`;
const STOPPED = /consecutive|time budget/;

export const BATTERY: readonly BatteryCase[] = [
  // Huge outputs and messages cost tens of ms per row: over many rows their time budget may stop them.
  // Python
  { program: py("py_loop", pyFn("while True:\n    pass")), faults: ["timeout", "disabled"], stopped: STOPPED },
  { program: py("py_sleep", pyFn("time.sleep(3600)", "import time\n")), faults: ["timeout", "disabled"], stopped: STOPPED },
  { program: py("py_slow_legal", pyFn("time.sleep(0.25)\nreturn 1", "import time\n")), faults: ["disabled"], vote: 1 },
  { program: py("py_memory_list", pyFn("x = []\nwhile True:\n    x.append('a' * 10**6)")), faults: ["memory", "disabled"], stopped: STOPPED },
  { program: py("py_memory_doubling", pyFn("s = 'a'\nwhile True:\n    s = s + s")), faults: ["memory", "disabled"], stopped: STOPPED },
  { program: py("py_memory_bytearray", pyFn("return len(bytearray(4 * 10**9))")), faults: ["memory", "disabled"], stopped: STOPPED },
  { program: py("py_memory_dict", pyFn("d = {}\ni = 0\nwhile True:\n    d[i] = str(i) * 1000\n    i += 1")), faults: ["memory", "disabled"], stopped: STOPPED },
  { program: py("py_huge_output", pyFn("return 'x' * 10**7")), faults: ["invalid-output", "disabled"] },
  { program: py("py_huge_exception", pyFn("raise ValueError('y' * 10**7)")), faults: ["exception", "disabled"] },
  { program: py("py_recursion", pyFn("return label_function(t + 'x')")), faults: ["exception"] },
  { program: py("py_redos", pyFn("return 1 if re.match(r'(a+)+$', 'a' * 64 + 'b') else 0", "import re\n")), faults: ["timeout", "disabled"], stopped: STOPPED },
  { program: py("py_huge_int", pyFn("return (7 ** (10 ** 8)) % 2")), faults: ["timeout", "disabled"], stopped: STOPPED },
  { program: py("py_infinite_generator", pyFn("return sum(itertools.count())", "import itertools\n")), faults: ["timeout", "disabled"], stopped: STOPPED },
  {
    program: py("py_swallow_interrupts", pyFn("while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass")),
    faults: ["timeout", "disabled"],
    stopped: STOPPED,
  },
  { program: py("py_top_level_loop", "while True:\n    pass\n" + pyFn("return 1")), faults: ["timeout"] },
  { program: py("py_top_level_sleep", "import time\ntime.sleep(3600)\n" + pyFn("return 1")), faults: ["timeout"] },
  {
    program: py("py_repr_loop", pyFn("return Weird()", "class Weird:\n    def __repr__(self):\n        while True:\n            pass\n")),
    faults: ["timeout", "disabled"],
    stopped: STOPPED,
  },
  { program: py("py_exit", pyFn("len.__self__.__import__('posix')._exit(3)")), faults: ["crash", "disabled"], stopped: STOPPED },
  { program: py("py_print_flood", pyFn("while True:\n    print('x' * 10**6)")), faults: ["timeout", "disabled"], stopped: STOPPED },
  {
    program: py(
      "py_traceback_property",
      pyFn(
        "raise Boom()",
        "import time\nclass Boom(Exception):\n    @property\n    def __traceback__(self):\n        while True:\n            time.sleep(0.01)\n",
      ),
    ),
    faults: ["exception"],
  },
  { program: py("py_benign_keyword", pyFn("return 1 if 'free' in t else 0")), faults: [] },
  // JavaScript
  { program: js("js_loop", jsFn("for (;;) {}")), faults: ["timeout", "disabled"], stopped: STOPPED },
  {
    program: js("js_sleep", jsFn("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3600000); return 1;")),
    faults: ["timeout", "disabled"],
    stopped: STOPPED,
  },
  { program: js("js_slow_legal", jsFn("const s = Date.now(); while (Date.now() - s < 250) {}\nreturn 1;")), faults: ["disabled"], vote: 1 },
  { program: js("js_memory_string", jsFn("let s = 'a'; for (;;) s = s + s;")), faults: ["memory", "disabled"], stopped: STOPPED },
  {
    program: js("js_memory_map", jsFn("const m = new Map(); for (let i = 0; ; i++) m.set(i, i);")),
    faults: ["memory", "timeout", "disabled"],
    stopped: STOPPED,
  },
  { program: js("js_memory_fill", jsFn("return new Array(1e9).fill(0).length;")), faults: ["memory", "timeout", "disabled"], stopped: STOPPED },
  { program: js("js_huge_output", jsFn("return 'x'.repeat(1e7);")), faults: ["invalid-output", "disabled"] },
  { program: js("js_huge_exception", jsFn("throw new Error('y'.repeat(1e7));")), faults: ["exception", "disabled"] },
  { program: js("js_recursion", jsFn("return label_function(t + 'x');")), faults: ["exception"] },
  { program: js("js_redos", jsFn("return /(a+)+$/.test('a'.repeat(64) + 'b') ? 1 : 0;")), faults: ["timeout", "disabled"], stopped: STOPPED },
  { program: js("js_huge_bigint", jsFn("return Number((10n ** 100000000n) % 7n);")), faults: ["timeout", "disabled"], stopped: STOPPED },
  {
    program: js("js_infinite_generator", jsFn("let n = 0; for (const x of (function* () { for (;;) yield 1; })()) n += x; return n;")),
    faults: ["timeout", "disabled"],
    stopped: STOPPED,
  },
  { program: js("js_swallow", jsFn("for (;;) { try { for (;;) {} } catch (e) {} }")), faults: ["timeout", "disabled"], stopped: STOPPED },
  { program: js("js_top_level_loop", "for (;;) {}\n" + jsFn("return 1;")), faults: ["timeout"] },
  { program: js("js_microtask_loop", jsFn("Promise.resolve().then(() => { for (;;) {} });\nreturn 1;")), faults: ["timeout", "disabled"], vote: 1 },
  {
    program: js(
      "js_length_getter",
      "function label_function(t) { return 1; }\nObject.defineProperty(label_function, 'length', { get() { return { [Symbol.toPrimitive]() { for (;;) {} } }; } });\n",
    ),
    faults: [],
    vote: 1,
  },
  {
    program: js(
      "js_throw_proxy",
      jsFn(
        "const loop = { get code() { for (;;) {} }, get message() { for (;;) {} }, get name() { for (;;) {} }, get stack() { for (;;) {} } };\nthrow new Proxy({}, { get() { throw loop; }, getPrototypeOf() { throw loop; }, has() { throw loop; }, ownKeys() { throw loop; } });",
      ),
    ),
    faults: ["exception", "timeout", "disabled"],
  },
  {
    program: js("js_return_loop_object", jsFn("return { toString() { for (;;) {} }, valueOf() { for (;;) {} }, toJSON() { for (;;) {} } };")),
    faults: ["invalid-output"],
  },
  { program: js("js_benign_keyword", jsFn("return t.includes('free') ? 1 : 0;")), faults: [] },
];

/** Rows the battery runs on: a benign program votes 1 on every third one. */
export const batteryInputs = (rows: number): string[] => Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? `free entry ${i}` : `see you at home ${i}`));

/** What is wrong with one program's outcome ("" when contained as expected). */
export function batteryVerdict(result: ApplyResult, j: number, c: BatteryCase, inputs: readonly string[]): string {
  const m = result.meta[j]!;
  const problems: string[] = [];
  for (const kind of Object.keys(m.faults) as FaultKind[]) if (!c.faults.includes(kind)) problems.push(`unexpected ${kind} x${m.faults[kind]}`);
  const faulted = Object.values(m.faults).reduce((a, b) => a + (b ?? 0), 0);
  inputs.forEach((text, r) => {
    const vote = result.L.values[r * result.L.m + j]!;
    const benign = c.program.name.endsWith("benign_keyword") ? (text.includes("free") ? 1 : 0) : c.vote;
    if (benign === undefined && vote !== -1) problems.push(`row ${r} voted ${vote}`);
    if (benign !== undefined && vote !== -1 && vote !== benign) problems.push(`row ${r} voted ${vote}, expected ${benign}`);
  });
  if (c.faults.length === 0 && faulted) problems.push(`expected no faults, got ${JSON.stringify(m.faults)}`);
  if (c.vote === undefined && c.faults.length && faulted !== inputs.length) problems.push(`only ${faulted} of ${inputs.length} rows faulted`);
  if (c.stopped && !c.stopped.test(m.stopped?.reason ?? "")) problems.push(`expected to be stopped (${c.stopped}), got ${JSON.stringify(m.stopped)}`);
  return problems.length ? `${c.program.name}: ${problems.slice(0, 3).join("; ")} (${m.firstError ?? ""})` : "";
}
