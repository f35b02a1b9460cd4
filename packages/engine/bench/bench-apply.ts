/**
 * `npm run bench:apply` — rows x programs per second of the sandboxed runtime against unsandboxed
 * baselines measured in the same run: 10 spam programs per language (spam-programs.ts) over the UCI
 * SMS Spam Collection repeated to >= 50,000 rows (generated texts when ../shared/datasets is absent).
 * - Python: our runtime vs the same programs in one plain `python3` loop (only the loop is
 *   timed). Target >= 1.0x. Both Python runtimes are measured in the same run: the CPython
 *   sandbox (real CPython in OS-level isolation, one sandbox per core; skipped with a reason where
 *   the OS does not allow it) and Pyodide (one Node child per core).
 * - JavaScript: our runtime vs the same functions in a plain host loop. Target >= 0.5x.
 * Start-up (children + Pyodide) is paid once per pool and reported separately.
 * Options: --rows N (default 50000), --pool N (default: every core), --chunk N, --no-pyodide,
 * --repeat N (default 3: every figure is the best of N timed runs, so that on a shared, busy machine
 * a sandbox run and a baseline run that happened to overlap other load are not compared).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Program } from "../src/core/program";
import { createLocalRunner } from "../src/node/runner/create-local-runner";
import { cpythonIsolation } from "../src/node/runner/cpython-isolation";
import { osIsolation } from "../src/node/runner/os-isolation";
import { JAVASCRIPT_SPAM_PROGRAMS, PYTHON_SPAM_PROGRAMS } from "./spam-programs";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 50_000);
const POOL = arg("pool", cpus().length);
const CHUNK = arg("chunk", 5000);
const REPEAT = Math.max(1, arg("repeat", 3));
const CLASSES = ["ham", "spam"];
const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const DATA = resolve(ROOT, "../shared/datasets/sms/uci/SMSSpamCollection");

function loadTexts(): { texts: string[]; source: string } {
  let base: string[];
  let source = DATA;
  if (existsSync(DATA)) {
    base = readFileSync(DATA, "utf8").split("\n").filter(Boolean).map((line) => line.slice(line.indexOf("\t") + 1));
  } else {
    source = "generated texts (dataset not found at " + DATA + ")";
    const words = ["free", "call", "now", "win", "prize", "ok", "lol", "home", "txt", "87121", "£100", "see", "you", "www.x.com", "later"];
    base = Array.from({ length: 5000 }, (_, i) => Array.from({ length: 4 + (i % 20) }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(" "));
  }
  const texts: string[] = [];
  while (texts.length < ROWS) texts.push(...base);
  return { texts: texts.slice(0, Math.max(ROWS, 1)), source };
}

const programs = (language: "python" | "javascript", sources: readonly string[]): Program[] =>
  sources.map((source, i) => ({ name: `${language}_${i}`, language, functionName: "label_function", source }));

async function sandboxed(language: "python" | "javascript", texts: string[], pythonRuntime: "cpython" | "pyodide" = "pyodide"): Promise<{ startupMs: number; perSecond: number; faults: number }> {
  const runner = createLocalRunner({ poolSize: POOL, chunkSize: CHUNK, pythonRuntime });
  const list = programs(language, language === "python" ? PYTHON_SPAM_PROGRAMS : JAVASCRIPT_SPAM_PROGRAMS);
  try {
    let t = performance.now();
    // Warm every pool slot: one task per slot starts its child (and Pyodide).
    await runner.apply(list.slice(0, POOL).concat(list).slice(0, Math.max(POOL, 1)), [texts[0]!], { classNames: CLASSES });
    const startupMs = performance.now() - t;
    let best = Infinity;
    let faults = 0;
    for (let r = 0; r < REPEAT; r++) {
      t = performance.now();
      const { meta } = await runner.apply(list, texts, { classNames: CLASSES });
      best = Math.min(best, (performance.now() - t) / 1000);
      faults = meta.reduce((sum, p) => sum + Object.values(p.faults).reduce((a, b) => a + (b ?? 0), 0), 0);
    }
    return { startupMs, perSecond: (texts.length * list.length) / best, faults };
  } finally {
    await runner.close();
  }
}

function plainPython(texts: string[]): number | undefined {
  let best: number | undefined;
  for (let r = 0; r < REPEAT; r++) {
    const once = plainPythonOnce(texts);
    if (once === undefined) return undefined;
    best = Math.max(best ?? 0, once);
  }
  return best;
}

function plainPythonOnce(texts: string[]): number | undefined {
  const run = spawnSync("python3", [fileURLToPath(new URL("./plain-python-loop.py", import.meta.url))], {
    input: JSON.stringify({ programs: PYTHON_SPAM_PROGRAMS, texts, classes: CLASSES }),
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) return undefined;
  const { seconds } = JSON.parse(run.stdout.toString()) as { seconds: number };
  return (texts.length * PYTHON_SPAM_PROGRAMS.length) / seconds;
}

function plainJavascript(texts: string[]): number {
  return Math.max(...Array.from({ length: REPEAT }, () => plainJavascriptOnce(texts)));
}

function plainJavascriptOnce(texts: string[]): number {
  const fns = JAVASCRIPT_SPAM_PROGRAMS.map((source) => new Function(`${source}\nreturn label_function;`)() as (t: string) => unknown);
  const start = performance.now();
  let votes = 0;
  for (const fn of fns) {
    for (const t of texts) {
      let v: unknown;
      try {
        v = fn(t);
      } catch {
        v = -1;
      }
      if (typeof v === "string") v = CLASSES.indexOf(v);
      if (typeof v === "number" && v >= 0) votes++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  if (votes < 0) throw new Error("unreachable");
  return (texts.length * fns.length) / seconds;
}

const { texts, source } = loadTexts();
const fmt = (x: number | undefined): string => (x === undefined ? "n/a" : Math.round(x).toLocaleString("en-US"));
console.log(`bench:apply  rows=${texts.length}  programs=10 per language  pool=${POOL}  chunk=${CHUNK}  cores=${cpus().length}  isolation=${osIsolation().mode}  best of ${REPEAT}`);
console.log(`data: ${source}`);
const iso = cpythonIsolation();
const cpy = iso.ok ? await sandboxed("python", texts, "cpython") : undefined;
const py = process.argv.includes("--no-pyodide") ? undefined : await sandboxed("python", texts, "pyodide");
const cpython = plainPython(texts);
const js = await sandboxed("javascript", texts);
const host = plainJavascript(texts);
const ratio = (x: number): string => (cpython ? `${(x / cpython).toFixed(2)}x` : "n/a (no python3)");
console.log(`plain python3 loop ${fmt(cpython)} rows*programs/s (one process, unsandboxed)`);
if (cpy) console.log(`python  cpython sandbox ${fmt(cpy.perSecond)} rows*programs/s (faults ${cpy.faults}) | ratio ${ratio(cpy.perSecond)} (target >= 1.0)`);
else console.log(`python  cpython sandbox n/a: ${iso.ok ? "" : iso.reason}`);
if (py) console.log(`python  pyodide sandbox ${fmt(py.perSecond)} rows*programs/s (faults ${py.faults}) | ratio ${ratio(py.perSecond)}`);
console.log(`js      sandbox ${fmt(js.perSecond)} rows*programs/s (faults ${js.faults}) | plain host loop ${fmt(host)} | ratio ${(js.perSecond / host).toFixed(2)}x (target >= 0.5)`);
console.log(`start-up once per pool: cpython ${cpy ? `${Math.round(cpy.startupMs)} ms` : "n/a"}, pyodide ${py ? `${Math.round(py.startupMs)} ms` : "n/a"}, javascript ${Math.round(js.startupMs)} ms`);
