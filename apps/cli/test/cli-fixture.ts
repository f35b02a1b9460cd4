import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/alchemist.mjs");

// The bin runs the built CLI (apps/cli/dist) and rebuilds it when a source changed. One run here,
// before any test, does that rebuild up front instead of inside the first timed test.
const warm = spawnSync(process.execPath, [BIN, "--version"], { encoding: "utf8", env: { ...process.env, ALCHEMIST_FROM_SOURCE: "" } });
if (warm.status !== 0) throw new Error(`building the CLI failed:\n${warm.stderr}`);

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node apps/cli/bin/alchemist.mjs ...args` as a child process, as a user would. */
export function alchemist(args: readonly string[], cwd?: string): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    cwd: cwd ?? process.cwd(),
    env: { ...process.env, NO_COLOR: "1", ALCHEMIST_DEBUG: "" },
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const SPAM = ['win a "free" prize, now', "free money click here", "claim your free cash", "cheap offer win big"];
export const HAM = ["see you at lunch today", "meeting moved to noon", "call me later, ok", "lunch with the team boom"];

/** Gold of fixture row i: even rows spam (1), odd rows ham (0). */
export const goldOf = (i: number): number => (i % 2 === 0 ? 1 : 0);
export const textOf = (i: number): string => `${(goldOf(i) === 1 ? SPAM : HAM)[Math.floor(i / 2) % 4]} #${i}`;
export const ROWS = 60;

/** Votes the fixture programs must cast on row i, in program-name order [kw_free, kw_lunch, py_boom]. */
export function expectedVotes(i: number): [number, number, number] {
  const text = textOf(i);
  return [text.includes("free") ? 1 : -1, text.includes("lunch") ? 0 : -1, -1];
}

const csvField = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * A temp folder with data.csv (text, label, split), task.yaml and programs/ (2 Python, 1 JS).
 * Rows 0..39 train, 40..47 dev, 48..59 test; `py_boom` raises on texts containing "boom".
 */
export function writeFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), "alchemist-cli-"));
  const lines = ["text,label,split"];
  for (let i = 0; i < ROWS; i++) lines.push([csvField(textOf(i)), goldOf(i) === 1 ? "spam" : "ham", i < 40 ? "train" : i < 48 ? "dev" : "test"].join(","));
  writeFileSync(join(dir, "data.csv"), lines.join("\n") + "\n");
  writeFileSync(
    join(dir, "task.yaml"),
    [
      "name: toy-spam",
      "description: spam or ham",
      "input: text",
      "language: python",
      "function: label_function",
      "classes:",
      "  - {name: ham, description: normal}",
      "  - {name: spam, description: ads}",
      "",
    ].join("\n"),
  );
  mkdirSync(join(dir, "programs"));
  writeFileSync(join(dir, "programs", "kw_free.py"), 'def label_function(text):\n    return "spam" if "free" in text else -1\n');
  writeFileSync(join(dir, "programs", "kw_lunch.js"), 'function label_function(text) {\n  return text.includes("lunch") ? 0 : -1;\n}\n');
  writeFileSync(join(dir, "programs", "py_boom.py"), 'def label_function(text):\n    if "boom" in text:\n        raise ValueError("boom")\n    return -1\n');
  return dir;
}

/**
 * The flags that point a command at writeFixture's files: data.csv with its label and split
 * columns, task.yaml and programs/.
 *
 * @example
 * alchemist(["run", ...fixtureDataFlags(dir), "--out", out]);
 */
export function fixtureDataFlags(dir: string): string[] {
  return [
    "--data",
    join(dir, "data.csv"),
    "--task",
    join(dir, "task.yaml"),
    "--programs",
    join(dir, "programs"),
    "--label-field",
    "label",
    "--split-field",
    "split",
  ];
}

/** Rows where `py_boom` raises (7 of 60). */
export const BOOM_ROWS = Array.from({ length: ROWS }, (_, i) => textOf(i)).filter((t) => t.includes("boom")).length;

/**
 * Runs the CLI without blocking this process (a mock LLM server living in the test must keep
 * answering), with no provider keys or answer cache from the environment.
 *
 * @example
 * const r = await alchemistAsync(["run", "--data", "d.csv", "--out", "out"]);
 */
export function alchemistAsync(args: readonly string[], cwd?: string): Promise<CliResult> {
  return new Promise((done) => {
    const env = {
      ...process.env,
      NO_COLOR: "1",
      ALCHEMIST_DEBUG: "",
      OPENAI_API_KEY: "",
      ANTHROPIC_API_KEY: "",
      ALCHEMIST_LLM_PROVIDER: "",
      ALCHEMIST_LLM_CACHE_DIR: "",
    };
    const child = spawn(process.execPath, [BIN, ...args], { env, ...(cwd ? { cwd } : {}) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (status) => done({ status, stdout, stderr }));
  });
}

/**
 * Writes the JavaScript variant of the fixture's task as `task-js.yaml` in `dir`.
 *
 * @example
 * writeJsTask(dir); alchemist(["generate", "--task", join(dir, "task-js.yaml"), ...]);
 */
export function writeJsTask(dir: string): void {
  writeFileSync(
    join(dir, "task-js.yaml"),
    [
      "name: toy-spam",
      "description: Label short messages as spam or ham.",
      "input: text",
      "language: javascript",
      "function: label_function",
      "classes:",
      "  - {name: ham, description: normal}",
      "  - {name: spam, description: ads}",
      "",
    ].join("\n"),
  );
}

/**
 * The flags that point a command at `file` (default: the fixture's data.csv) with its label and
 * split columns and the JavaScript task (writeJsTask / writeScaleFixture write it).
 *
 * @example
 * alchemistAsync(["improve", ...jsTaskDataFlags(dir), "--out", out]);
 */
export function jsTaskDataFlags(dir: string, file = join(dir, "data.csv")): string[] {
  return ["--data", file, "--task", join(dir, "task-js.yaml"), "--label-field", "label", "--split-field", "split"];
}

/**
 * Adds the JavaScript task (`task-js.yaml`) and returns a writer of the fixture's rows repeated to
 * `n` rows (`data-<n>.csv`: same texts, same split proportions), for tests that compare sizes.
 *
 * @example
 * const bigger = writeScaleFixture(dir); const file = bigger(600);
 */
export function writeScaleFixture(dir: string): (n: number) => string {
  writeJsTask(dir);
  return (n) => {
    const file = join(dir, `data-${n}.csv`);
    const lines = ["text,label,split"];
    for (let i = 0; i < n; i++)
      lines.push(
        [`"${textOf(i % 60).replace(/"/g, '""')} x${i}"`, goldOf(i % 60) ? "spam" : "ham", i % 60 < 40 ? "train" : i % 60 < 48 ? "dev" : "test"].join(","),
      );
    writeFileSync(file, lines.join("\n") + "\n");
    return file;
  };
}
