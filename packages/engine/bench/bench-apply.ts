/**
 * `npm run bench:apply` — whole processes, as a user pays for them: `alchemist apply` (built CLI,
 * sandboxed programs) against the strongest plain baselines on the same JSONL file and programs:
 * - Python: the same 10 spam programs (spam-programs.ts) in one plain `/usr/bin/python3` process
 *   (the interpreter the CPython sandbox runs) that reads the JSONL, applies them and writes the
 *   same L JSON (plain-python-apply.py). Target >= 1.0x.
 * - JavaScript: the same programs as plain functions in one `node` process doing the same
 *   (plain-node-apply.mjs). Target >= 0.5x.
 * For each size (default 50k, 200k and 500k rows of the UCI SMS collection repeated; generated
 * texts when ../shared/datasets is absent) it prints rows/s, the ratio to the baseline, and peak
 * memory: the largest sum of PSS over the process and all its descendants, sampled every 50 ms
 * (per row, against the 0.5 KB/row target). Rounds are interleaved (each round runs every contender
 * once, back to back) and every figure is the best of its rounds. Outputs are compared: a run
 * whose L differs from the baseline's fails the bench.
 * Options: --sizes 50000,200000 (rows), --repeat N (default 2), --pool N (--parallel of alchemist),
 * --language python|javascript|both (default both).
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { JAVASCRIPT_SPAM_PROGRAMS, PYTHON_SPAM_PROGRAMS } from "./spam-programs";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (arg("sizes") ?? "50000,200000,500000").split(",").map(Number);
const REPEAT = Math.max(1, Number(arg("repeat") ?? 2));
const POOL = arg("pool");
const LANGUAGES = ((arg("language") ?? "both") === "both" ? ["python", "javascript"] : [arg("language")!]) as ("python" | "javascript")[];
const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const SMS = resolve(ROOT, "../shared/datasets/sms/uci/SMSSpamCollection");
const WORK = "/tmp/alchemist-bench-apply";
const BIN = join(ROOT, "apps/cli/bin/alchemist.mjs");

function texts(): { list: string[]; source: string } {
  if (existsSync(SMS))
    return {
      list: readFileSync(SMS, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => l.slice(l.indexOf("\t") + 1)),
      source: SMS,
    };
  const words = ["free", "call", "now", "win", "prize", "ok", "lol", "home", "txt", "87121", "£100", "see", "you", "www.x.com", "later"];
  return {
    list: Array.from({ length: 5000 }, (_, i) => Array.from({ length: 4 + (i % 20) }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(" ")),
    source: "generated texts (SMS collection not found)",
  };
}

/** The data file for `rows` rows (made once, kept under /tmp), the programs folders and the task. */
function prepare(rows: number, base: string[]): { data: string; task: string; programs: Record<"python" | "javascript", string> } {
  mkdirSync(WORK, { recursive: true });
  const data = join(WORK, `sms-${rows}.jsonl`);
  if (!existsSync(data)) {
    const out: string[] = [];
    for (let i = 0; i < rows; i++) out.push(JSON.stringify({ text: base[i % base.length] }));
    writeFileSync(data, out.join("\n") + "\n");
  }
  const task = join(WORK, "task.yaml");
  writeFileSync(task, "name: sms\ninput: text\nfunction: label_function\nclasses:\n  - {name: ham}\n  - {name: spam}\n");
  const programs = { python: join(WORK, "programs-py"), javascript: join(WORK, "programs-js") };
  for (const [language, list] of [
    ["python", PYTHON_SPAM_PROGRAMS],
    ["javascript", JAVASCRIPT_SPAM_PROGRAMS],
  ] as const) {
    mkdirSync(programs[language], { recursive: true });
    list.forEach((source, i) => writeFileSync(join(programs[language], `p${i}.${language === "python" ? "py" : "js"}`), source + "\n"));
  }
  return { data, task, programs };
}

/** PSS (KiB) of pid and all its descendants, from /proc. */
function treePss(root: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended between the listing and the read
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  let pss = 0;
  for (const pid of tree) {
    try {
      pss += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return pss;
}

/** Runs a command to completion: wall seconds and the peak PSS of its process tree. */
function measure(command: string, args: readonly string[]): Promise<{ seconds: number; peakKb: number }> {
  return new Promise((resolvePromise, reject) => {
    const began = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ALCHEMIST_NO_PROGRESS: "1" } });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let peakKb = 0;
    const timer = setInterval(() => {
      if (child.pid) peakKb = Math.max(peakKb, treePss(child.pid));
    }, 50);
    child.on("exit", (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - began) / 1000;
      if (code !== 0) reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr.slice(-500)}`));
      else resolvePromise({ seconds, peakKb });
    });
  });
}

const sameL = (a: string, b: string): boolean =>
  JSON.stringify(JSON.parse(readFileSync(a, "utf8")).L) === JSON.stringify(JSON.parse(readFileSync(b, "utf8")).L);
const fmt = (x: number): string => Math.round(x).toLocaleString("en-US");

// The CLI builds itself when stale; pay that once, outside the timed runs.
await measure(process.execPath, [BIN, "--version"]);
const { list, source } = texts();
const pool = POOL ?? String(cpus().length);
console.log(
  `bench:apply  whole processes  sizes=${SIZES.join(",")}  programs=10 per language  pool=${pool} sandboxes  cores=${cpus().length}  best of ${REPEAT}, interleaved`,
);
console.log(`data: ${source}`);
let failed = false;
for (const rows of SIZES) {
  const { data, task, programs } = prepare(rows, list);
  for (const language of LANGUAGES) {
    const ours = join(WORK, `L-ours-${language}.json`);
    const plain = join(WORK, `L-plain-${language}.json`);
    const contenders = {
      alchemist: (): Promise<{ seconds: number; peakKb: number }> =>
        measure(process.execPath, [
          BIN,
          "apply",
          "--data",
          data,
          "--task",
          task,
          "--programs",
          programs[language],
          "--out",
          ours,
          ...(POOL ? ["--parallel", POOL] : []),
        ]),
      plain: (): Promise<{ seconds: number; peakKb: number }> =>
        language === "python"
          ? measure("/usr/bin/python3", [fileURLToPath(new URL("./plain-python-apply.py", import.meta.url)), data, programs.python, plain])
          : measure(process.execPath, [fileURLToPath(new URL("./plain-node-apply.mjs", import.meta.url)), data, programs.javascript, plain]),
    };
    const best: Record<string, { seconds: number; peakKb: number }> = {};
    for (let r = 0; r < REPEAT; r++) {
      for (const [name, run] of Object.entries(contenders)) {
        const got = await run();
        const prev = best[name];
        best[name] = { seconds: Math.min(prev?.seconds ?? Infinity, got.seconds), peakKb: Math.max(prev?.peakKb ?? 0, got.peakKb) };
      }
    }
    const identical = sameL(ours, plain);
    failed ||= !identical;
    const a = best.alchemist!;
    const p = best.plain!;
    const target = language === "python" ? 1.0 : 0.5;
    const ratio = p.seconds / a.seconds;
    console.log(
      `${language.padEnd(10)} rows=${String(rows).padStart(7)} | alchemist apply ${a.seconds.toFixed(2)} s ${fmt((rows * 10) / a.seconds)} rows*programs/s peak ${fmt(a.peakKb / 1024)} MiB (${((a.peakKb * 1024) / rows / 1024).toFixed(2)} KB/row)` +
        ` | plain ${language === "python" ? "python3" : "node"} ${p.seconds.toFixed(2)} s peak ${fmt(p.peakKb / 1024)} MiB | ratio ${ratio.toFixed(2)}x (target >= ${target.toFixed(1)}) | L ${identical ? "identical" : "DIFFERS"}`,
    );
  }
}
createWriteStream("/dev/null").end();
process.exitCode = failed ? 1 : 0;
