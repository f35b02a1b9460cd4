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
 * --repeat N (default 3): N rounds, each measuring every contender once back to back (sandboxes and
 * their plain baseline see the same machine load); every figure is the best of its N runs.
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

interface Sandbox {
  readonly startupMs: number;
  /** One timed apply of all programs on all texts: rows x programs per second and fault count. */
  run(): Promise<{ perSecond: number; faults: number }>;
  close(): Promise<void>;
}

async function openSandbox(language: "python" | "javascript", texts: string[], pythonRuntime: "cpython" | "pyodide" = "pyodide"): Promise<Sandbox> {
  const runner = createLocalRunner({ poolSize: POOL, chunkSize: CHUNK, pythonRuntime });
  const list = programs(language, language === "python" ? PYTHON_SPAM_PROGRAMS : JAVASCRIPT_SPAM_PROGRAMS);
  const t = performance.now();
  // Warm every pool slot: one task per slot starts its child (and Pyodide).
  await runner.apply(list.slice(0, POOL).concat(list).slice(0, Math.max(POOL, 1)), [texts[0]!], { classNames: CLASSES });
  return {
    startupMs: performance.now() - t,
    async run() {
      const began = performance.now();
      const { meta } = await runner.apply(list, texts, { classNames: CLASSES });
      const seconds = (performance.now() - began) / 1000;
      const faults = meta.reduce((sum, p) => sum + Object.values(p.faults).reduce((a, b) => a + (b ?? 0), 0), 0);
      return { perSecond: (texts.length * list.length) / seconds, faults };
    },
    close: () => runner.close(),
  };
}

/** Best (highest) of REPEAT rounds; each round measures every contender once, back to back, so all of them see the same machine load. */
async function interleaved(contenders: Record<string, () => Promise<number | undefined> | number | undefined>): Promise<Record<string, number | undefined>> {
  const best: Record<string, number | undefined> = {};
  for (let r = 0; r < REPEAT; r++) {
    for (const [name, measure] of Object.entries(contenders)) {
      const value = await measure();
      best[name] = value === undefined ? undefined : Math.max(best[name] ?? 0, value);
    }
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
const cpySandbox = iso.ok ? await openSandbox("python", texts, "cpython") : undefined;
const pySandbox = process.argv.includes("--no-pyodide") ? undefined : await openSandbox("python", texts, "pyodide");
const faults = { cpython: 0, pyodide: 0, js: 0 };
const measure = (box: Sandbox | undefined, key: keyof typeof faults) => async (): Promise<number | undefined> => {
  if (!box) return undefined;
  const { perSecond, faults: count } = await box.run();
  faults[key] = count;
  return perSecond;
};
const pyBest = await interleaved({ plain: () => plainPythonOnce(texts), cpython: measure(cpySandbox, "cpython"), pyodide: measure(pySandbox, "pyodide") });
await cpySandbox?.close();
await pySandbox?.close();
const jsSandbox = await openSandbox("javascript", texts);
const jsBest = await interleaved({ host: () => plainJavascriptOnce(texts), js: measure(jsSandbox, "js") });
await jsSandbox.close();
const cpython = pyBest.plain;
const ratio = (x: number): string => (cpython ? `${(x / cpython).toFixed(2)}x` : "n/a (no python3)");
console.log(`plain python3 loop ${fmt(cpython)} rows*programs/s (one process, unsandboxed)`);
if (pyBest.cpython !== undefined) console.log(`python  cpython sandbox ${fmt(pyBest.cpython)} rows*programs/s (faults ${faults.cpython}) | ratio ${ratio(pyBest.cpython)} (target >= 1.0)`);
else console.log(`python  cpython sandbox n/a: ${iso.ok ? "" : iso.reason}`);
if (pyBest.pyodide !== undefined) console.log(`python  pyodide sandbox ${fmt(pyBest.pyodide)} rows*programs/s (faults ${faults.pyodide}) | ratio ${ratio(pyBest.pyodide)}`);
console.log(`js      sandbox ${fmt(jsBest.js)} rows*programs/s (faults ${faults.js}) | plain host loop ${fmt(jsBest.host)} | ratio ${(jsBest.js! / jsBest.host!).toFixed(2)}x (target >= 0.5)`);
console.log(`start-up once per pool: cpython ${cpySandbox ? `${Math.round(cpySandbox.startupMs)} ms` : "n/a"}, pyodide ${pySandbox ? `${Math.round(pySandbox.startupMs)} ms` : "n/a"}, javascript ${Math.round(jsSandbox.startupMs)} ms`);
