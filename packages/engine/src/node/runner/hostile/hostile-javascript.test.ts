import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplyResult, ProgramRunner } from "../../../core/program";
import { createLocalRunner } from "../create-local-runner";
import { CLASSES, INPUTS, SECRET, controlStillWorks, jsCase, plantSecrets, verdict, watchedListener, type HostileCase } from "./hostile-harness";
import { testBudget } from "../../testing/test-budget";

// JavaScript programs that try to get out, hog or poison the runtime; one child, so pollution
// cases really share a process with the program after them.
const listener = await watchedListener();
const URL_ = `http://127.0.0.1:${listener.port}/`;
const fn = (body: string): string => `function label_function(t) {\n${body}\n}\n`;
const cases: HostileCase[] = [
  jsCase("js-require-fs", fn("return require('fs').readFileSync('/etc/passwd', 'utf8');"), "exception", { error: /require is not defined/ }),
  jsCase("js-process-env", fn("return process.env.DATABASE_URL;"), "exception", { error: /process is not defined/ }),
  jsCase("js-constructor-escape", fn("return this.constructor.constructor('return process')().env.DATABASE_URL;"), "exception", { error: /EvalError/ }),
  jsCase("js-function-escape-arrow", fn("return (() => {}).constructor('return globalThis.process')().mainModule;"), "exception", { error: /EvalError/ }),
  jsCase("js-fetch-loopback", fn(`fetch('${URL_}'); return 1;`), "exception", { error: /fetch is not defined/ }),
  jsCase("js-dynamic-import-net", fn(`return import('node:net').then((net) => net.connect(${listener.port}, '127.0.0.1'));`), "invalid-output"),
  jsCase("js-websocket", fn(`new WebSocket('ws://127.0.0.1:${listener.port}/'); return 1;`), "exception"),
  jsCase("js-child-process", fn("return process.binding('spawn_sync');"), "exception"),
  jsCase("js-wasm-compile", fn("return new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) ? 1 : 0;"), "exception"),
  jsCase("js-infinite-loop", fn("for (;;) {}"), "timeout"),
  jsCase("js-recursion", fn("return label_function(t + 'x');"), "exception", { error: /call stack/ }),
  jsCase("js-huge-output", fn("return 'x'.repeat(1e7);"), "invalid-output", { error: /string of 10000000 characters/ }),
  jsCase("js-huge-exception", fn("throw new Error('y'.repeat(1e7));"), "exception"),
  jsCase(
    "js-proto-pollution",
    "Object.prototype.polluted = 1;\nString.prototype.includes = () => true;\nArray.prototype.map = null;\n" + fn("return 1;"),
    "none",
    { votes: [1, 1] },
  ),
  jsCase("js-after-proto", fn("return ({}).polluted === undefined && !'abc'.includes('z') && [1].map((x) => x)[0] === 1 ? 1 : 0;"), "none", { votes: [1, 1] }),
  jsCase("js-global-leak", "globalThis.leak = 42;\nvar shared = 'x';\n" + fn("return 1;"), "none", { votes: [1, 1] }),
  jsCase("js-after-global", fn("return typeof leak === 'undefined' && typeof shared === 'undefined' ? 0 : 1;"), "none", { votes: [0, 0] }),
  jsCase("js-promise", "async " + fn("return 1;"), "invalid-output"),
  jsCase("js-work-after-return", fn("Promise.resolve().then(() => { for (;;) {} });\nreturn 1;"), "none", { faults: { timeout: 1 }, votes: [1, -1] }),
  jsCase("js-slow-legal", fn("const s = Date.now(); while (Date.now() - s < 300) {}\nreturn 1;"), "none", { votes: [1, 1] }),
];
// Memory bombs get their own runner with a small heap and a generous row budget, so on a slow,
// shared machine they reach the cap before the time limit.
const memoryCases: HostileCase[] = [
  jsCase("js-memory-string-doubling", fn("let s = 'a'; for (;;) s = s + s;"), "memory"),
  jsCase("js-memory-map", fn("const m = new Map(); for (let i = 0; ; i++) m.set(i, i);"), "memory"),
  jsCase("js-memory-array-fill", fn("return new Array(1e9).fill(0).length;"), "memory"),
  jsCase("js-memory-push", fn("const a = []; for (;;) a.push(new Array(1e6).fill(t));"), "memory"),
];

let runner: ProgramRunner;
let result: ApplyResult;
let memoryResult: ApplyResult;
beforeAll(async () => {
  plantSecrets();
  runner = createLocalRunner({ poolSize: 1, rowTimeoutMs: 1000, memoryMb: 256 });
  result = await runner.apply(
    cases.map((c) => c.program),
    INPUTS,
    { classNames: CLASSES },
  );
  const memoryRunner = createLocalRunner({ poolSize: 1, rowTimeoutMs: 30_000, memoryMb: 128 });
  try {
    memoryResult = await memoryRunner.apply(
      memoryCases.map((c) => c.program),
      INPUTS,
      { classNames: CLASSES },
    );
  } finally {
    await memoryRunner.close();
  }
}, testBudget(300_000));
afterAll(async () => {
  await runner?.close();
  await listener.close();
});

describe("hostile JavaScript programs", () => {
  it.each(cases.map((c, j) => [c.program.name, j] as const))("%s is contained", (_name, j) => {
    expect(verdict(result, j, cases[j]!)).toBe("");
  });

  it.each(memoryCases.map((c, j) => [c.program.name, j] as const))("%s is contained", (_name, j) => {
    expect(verdict(memoryResult, j, memoryCases[j]!)).toBe("");
  });

  it("the loopback listener received zero connections and no secret reached any output", async () => {
    await new Promise((resolve) => setTimeout(resolve, 200)); // a late connect would land by now
    expect(listener.connections()).toBe(0);
    expect(JSON.stringify(result.meta)).not.toContain(SECRET);
  });

  it("the host is healthy: the runner still labels correctly afterwards", async () => {
    expect(await controlStillWorks(runner, "javascript")).toEqual([1, 0]);
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
  });
});
