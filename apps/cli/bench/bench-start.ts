/**
 * `npm run bench:start` — start-up time of the `alchemist` command against `node -e 0` measured
 * in the same run: `--version`, `--help` and `apply --help` through `apps/cli/bin/alchemist.mjs`
 * (the built CLI, apps/cli/dist). Target: --version and --help <= 3x `node -e 0`.
 * Every contender is a fresh process, spawned and waited for; rounds are interleaved (each round
 * runs every contender once, back to back, so all see the same machine load) and every figure is
 * the best of its rounds.
 * Options: --rounds N (default 10), --source: also time `--version` from the TypeScript sources
 * under tsx (ALCHEMIST_FROM_SOURCE=1, the old start-up path; slow, so only its first 3 rounds).
 */
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = Math.max(1, arg("rounds", 10));
const SOURCE_ROUNDS = 3;
const BIN = resolve(fileURLToPath(new URL("../bin/alchemist.mjs", import.meta.url)));
const env = { ...process.env, ALCHEMIST_FROM_SOURCE: "" };

interface Contender {
  readonly label: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly rounds?: number;
}

/** Wall time of one fresh process, milliseconds; fails loudly on a non-zero exit (a broken build must not look fast). */
function timeOnce(c: Contender): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, c.args, { env: c.env ?? env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${c.label} exited with ${run.status}: ${run.stderr.trim().slice(0, 500)}`);
  return ms;
}

const contenders: Contender[] = [
  { label: "node -e 0", args: ["-e", "0"] },
  { label: "alchemist --version", args: [BIN, "--version"] },
  { label: "alchemist --help", args: [BIN, "--help"] },
  { label: "alchemist apply --help", args: [BIN, "apply", "--help"] },
];
if (process.argv.includes("--source")) {
  contenders.push({
    label: "alchemist --version (tsx sources)",
    args: [BIN, "--version"],
    env: { ...process.env, ALCHEMIST_FROM_SOURCE: "1" },
    rounds: SOURCE_ROUNDS,
  });
}

console.log(`bench:start  node ${process.version}  cores=${cpus().length}  rounds=${ROUNDS} interleaved  best of each`);
// One untimed run first: rebuilds apps/cli/dist if a source changed, and warms the file cache.
for (const c of contenders) timeOnce(c);
const best = new Map<string, number>();
for (let r = 0; r < ROUNDS; r++) {
  for (const c of contenders) {
    if (r >= (c.rounds ?? ROUNDS)) continue;
    const ms = timeOnce(c);
    best.set(c.label, Math.min(best.get(c.label) ?? Infinity, ms));
  }
}
const baseline = best.get("node -e 0")!;
for (const c of contenders) {
  const ms = best.get(c.label)!;
  const target = c.label === "alchemist --version" || c.label === "alchemist --help" ? "  (target <= 3.0x)" : "";
  console.log(`${c.label.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms | ${(ms / baseline).toFixed(2)}x node -e 0${target}`);
}
