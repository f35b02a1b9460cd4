import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalRunner } from "./create-local-runner";
import { PY_KEYWORD, py } from "./runner-fixtures";

// Pyodide's own containment (the CPython sandbox's is in cpython-isolation.test.ts and the hostile suite):
// frames are refused by the audit hook, and behind it code generation from strings is off.
const runner = createLocalRunner({ poolSize: 1, rowTimeoutMs: 300, pythonRuntime: "pyodide" });
const classNames = ["ham", "spam"];
afterAll(() => runner.close());
// Start Pyodide in the child before the tests (hook timeout): its cold start took over 60 s on a loaded 2-core machine during the full suite.
beforeAll(async () => {
  await runner.apply([PY_KEYWORD], ["free"], { classNames });
});

/** A Python program that walks frames to a host JS function and tries to compile code with its Function constructor. */
const escaped = (expression: string) =>
  py(
    "escaped",
    `def label_function(x):
    try:
        raise ValueError()
    except ValueError as e:
        frame = e.__traceback__.tb_frame.f_back
    host = frame.f_locals['tick'].constructor.constructor
    proc = host('return process')()
    return str(${expression})
`,
  );

describe("createLocalRunner containment", () => {
  it("stops the frame-walk escape at the frame, whatever it would have done next", async () => {
    const programs = [
      escaped("proc.getBuiltinModule('fs').readFileSync('/etc/passwd', 'utf8')"),
      escaped("proc.getBuiltinModule('fs').readFileSync('/work/main/package.json', 'utf8')"),
      escaped("proc.getBuiltinModule('child_process').execSync('id').toString()"),
      escaped("proc.getBuiltinModule('fs').writeFileSync('/tmp/alchemist-runner-escape', 'x')"),
      escaped("proc.env.HOME"),
    ];
    const { L, meta } = await runner.apply(programs, ["x"], { classNames });
    expect(Array.from(L.values)).toEqual([-1, -1, -1, -1, -1]);
    expect(meta.map((p) => p.faults)).toEqual(programs.map(() => ({ exception: 1 })));
    expect(meta.map((p) => p.firstError)).toEqual(
      programs.map(() => "row 0: exception: PermissionError: object.__getattr__ is not allowed in labeling programs (line 5)"),
    );
  });

  it("kills a child whose program ignores the interrupt, records a timeout and carries on", async () => {
    const blocker = py(
      "stubborn",
      "def label_function(x):\n    while True:\n        try:\n            while True:\n                pass\n        except BaseException:\n            pass\n",
    );
    const { L, meta } = await runner.apply([blocker, PY_KEYWORD], ["free", "win"], { classNames });
    expect(Array.from(L.values)).toEqual([-1, 1, -1, 1]);
    expect(meta[0]).toMatchObject({ faults: { timeout: 2 }, firstError: expect.stringContaining("did not stop when interrupted") });
  });
});
