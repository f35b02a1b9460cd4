/**
 * `npm run bench:read` — rows per second of the dataset readers against plain CPython reading the
 * same file, measured in the same run. Data: the UCI SMS Spam Collection repeated to >= 280,000
 * rows (generated texts when ../shared/datasets is absent), written once as JSON Lines
 * (`{"label", "text"}`) and as CSV (header `label,text`, RFC 4180 quoting) under the OS temp dir
 * and reused by later runs.
 * - in-process: `readRecordBatches` draining every record, warm in this process, vs
 *   `/usr/bin/python3`'s reading loop (json.loads per line; csv.DictReader) timed inside its
 *   process (plain-python-read.py). Target: at most 1.5x Python's time (ratio >= 0.67).
 * - `loadDataset` (reading, then keeping every row with its gold label and a seeded split) vs
 *   the same Python loop, and vs Python doing that too (`load`: the records kept as row dicts
 *   without the label, gold indices, shuffled splits).
 * - whole process: a fresh `node --import tsx` child draining `readRecordBatches` once vs a fresh
 *   python3 process, wall clock including start-up (tsx compiles the engine on start; this
 *   shows what one `alchemist` command pays, not the readers' speed).
 * Options: --rows N (default 280000), --repeat N (default 5): N rounds, each measuring every
 * contender once back to back (all see the same machine load); every figure is the best of N.
 * Internal: --child PATH drains one file and prints {"rows", "seconds"}.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, renameSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadDataset } from "../src/node/datasets/load-dataset";
import { readRecordBatches } from "../src/node/datasets/read-record-batches";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 280_000);
const REPEAT = Math.max(1, arg("repeat", 5));
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const DATA = resolve(ROOT, "../shared/datasets/sms/uci/SMSSpamCollection");
const SELF = fileURLToPath(import.meta.url);
const PY_READ = fileURLToPath(new URL("./plain-python-read.py", import.meta.url));

async function drain(path: string): Promise<number> {
  let rows = 0;
  for await (const batch of readRecordBatches(path)) rows += batch.length;
  return rows;
}

const child = process.argv.indexOf("--child");
if (child > 0) {
  const began = performance.now();
  const rows = await drain(process.argv[child + 1]!);
  console.log(JSON.stringify({ rows, seconds: (performance.now() - began) / 1000 }));
  process.exit(0);
}

function baseRows(): { rows: [string, string][]; source: string } {
  if (existsSync(DATA)) {
    const rows = readFileSync(DATA, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line): [string, string] => [line.slice(0, line.indexOf("\t")), line.slice(line.indexOf("\t") + 1)]);
    return { rows, source: DATA };
  }
  const words = ["free", "call", "now", "win", "prize", "ok", "lol", "home", "txt", "87121", "£100", "see", "you", "www.x.com", "later", 'say "hi",', "é"];
  const rows = Array.from({ length: 5000 }, (_, i): [string, string] => [
    i % 7 === 0 ? "spam" : "ham",
    Array.from({ length: 4 + (i % 20) }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(" "),
  ]);
  return { rows, source: `generated texts (dataset not found at ${DATA})` };
}

const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Writes `name` under the bench folder unless an earlier run did (written to .part, then renamed). */
async function ensureFile(
  dir: string,
  name: string,
  header: string | undefined,
  rows: [string, string][],
  line: (row: [string, string]) => string,
): Promise<string> {
  const path = join(dir, name);
  if (existsSync(path)) return path;
  const part = `${path}.${process.pid}.part`;
  const out = createWriteStream(part);
  if (header !== undefined) out.write(header);
  let chunk = "";
  for (let i = 0; i < ROWS; i++) {
    chunk += line(rows[i % rows.length]!);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((drained) => out.once("drain", () => drained()));
      chunk = "";
    }
  }
  await new Promise<void>((done, fail) => out.end(chunk, () => done()).on("error", fail));
  renameSync(part, path);
  return path;
}

interface Timing {
  seconds: number;
  wall?: number;
}

function python(kind: "jsonl" | "csv", path: string, mode: "read" | "load" = "read"): Timing | undefined {
  const began = performance.now();
  const run = spawnSync(PYTHON, [PY_READ, kind, path, ...(mode === "load" ? ["load"] : [])]);
  const wall = (performance.now() - began) / 1000;
  if (run.status !== 0) return undefined;
  const { rows, seconds } = JSON.parse(run.stdout.toString()) as { rows: number; seconds: number };
  if (rows !== ROWS) throw new Error(`python read ${rows} rows of ${path}, expected ${ROWS}`);
  return { seconds, wall };
}

function nodeChild(path: string): Timing {
  const began = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", SELF, "--child", path], { cwd: ROOT });
  const wall = (performance.now() - began) / 1000;
  if (run.status !== 0) throw new Error(`bench child failed: ${run.stderr.toString()}`);
  const { rows, seconds } = JSON.parse(run.stdout.toString()) as { rows: number; seconds: number };
  if (rows !== ROWS) throw new Error(`child read ${rows} rows of ${path}, expected ${ROWS}`);
  return { seconds, wall };
}

async function timed(work: () => Promise<number>): Promise<Timing> {
  const began = performance.now();
  const rows = await work();
  if (rows !== ROWS) throw new Error(`read ${rows} rows, expected ${ROWS}`);
  return { seconds: (performance.now() - began) / 1000 };
}

/** Best (lowest) of REPEAT rounds; each round runs every contender once, back to back. */
async function interleaved(contenders: Record<string, () => Promise<Timing | undefined> | Timing | undefined>): Promise<Record<string, Timing | undefined>> {
  const best: Record<string, Timing | undefined> = {};
  for (let r = 0; r < REPEAT; r++) {
    for (const [name, measure] of Object.entries(contenders)) {
      const t = await measure();
      const was = best[name];
      best[name] =
        t === undefined
          ? undefined
          : { seconds: Math.min(was?.seconds ?? Infinity, t.seconds), ...(t.wall !== undefined ? { wall: Math.min(was?.wall ?? Infinity, t.wall) } : {}) };
    }
  }
  return best;
}

const { rows: base, source } = baseRows();
const dir = join(tmpdir(), "alchemist-bench-read");
await mkdir(dir, { recursive: true });
const tag = existsSync(DATA) ? "sms" : "generated";
const files = {
  jsonl: await ensureFile(dir, `${tag}-${ROWS}.jsonl`, undefined, base, ([label, text]) => `${JSON.stringify({ label, text })}\n`),
  csv: await ensureFile(dir, `${tag}-${ROWS}.csv`, "label,text\n", base, ([label, text]) => `${csvField(label)},${csvField(text)}\n`),
};
const pythonVersion = spawnSync(PYTHON, ["--version"]).stdout?.toString().trim() || "python3 not found";
console.log(`bench:read  rows=${ROWS}  cores=${cpus().length}  node ${process.version}  ${pythonVersion} (${PYTHON})  best of ${REPEAT}`);
console.log(`data: ${source}`);
console.log(`files: ${files.jsonl}, ${files.csv}`);

const rate = (t: Timing | undefined): string =>
  t === undefined ? "n/a" : `${Math.round(ROWS / t.seconds).toLocaleString("en-US")} rows/s (${t.seconds.toFixed(3)} s)`;
const ratio = (ours: number | undefined, py: number | undefined, target?: string): string =>
  ours === undefined || py === undefined
    ? "n/a (no python3)"
    : `ratio ${(py / ours).toFixed(2)} = ${(ours / py).toFixed(2)}x python's time${target ? ` (${target})` : ""}`;
const mapping = { mapping: { input: "text", label: "label" }, classNames: ["ham", "spam"], seed: 1 };

let failed = false;
for (const kind of ["jsonl", "csv"] as const) {
  const path = files[kind];
  const best = await interleaved({
    python: () => python(kind, path),
    pythonLoad: () => python(kind, path, "load"),
    batches: () => timed(() => drain(path)),
    load: () => timed(async () => (await loadDataset(path, mapping)).rows.length),
    child: () => nodeChild(path),
  });
  const py = best.python;
  const pyName = kind === "jsonl" ? "json.loads per line" : "csv.DictReader";
  console.log(`\n${kind}`);
  console.log(`  python3 ${pyName.padEnd(22)} ${rate(py)}`);
  console.log(`  readRecordBatches              ${rate(best.batches)} | ${ratio(best.batches?.seconds, py?.seconds, "target <= 1.5x")}`);
  console.log(`  loadDataset (read + map rows)  ${rate(best.load)} | ${ratio(best.load?.seconds, py?.seconds)}`);
  console.log(`  python3 load-equivalent        ${rate(best.pythonLoad)} | loadDataset ${ratio(best.load?.seconds, best.pythonLoad?.seconds)}`);
  console.log(
    `  whole process: node+tsx child ${best.child!.wall!.toFixed(3)} s (its read ${best.child!.seconds.toFixed(3)} s cold) vs python3 ${py?.wall?.toFixed(3) ?? "n/a"} s | ${ratio(best.child!.wall, py?.wall)}`,
  );
  if (py !== undefined && best.batches!.seconds > 1.5 * py.seconds) failed = true;
}
if (failed) console.log("\nreadRecordBatches is slower than 1.5x python3 on this run");
