/**
 * `npm run bench:hostile` — the hostile battery (hostile/hostile-battery.ts: loops, sleeps, memory
 * bombs, huge outputs, ReDoS, huge numbers, dying processes, plus benign neighbours) in one apply
 * over 300 rows with the runner's defaults (1 s row budget, 3 consecutive costly faults, 10 s +
 * 1 ms/row per program), on every core. Target: finished and contained within 120 s, benign votes
 * exact. Prints each program's outcome and time, the total, and the ratio to the target; exits 1
 * when a program was not contained (the time itself is reported, not asserted).
 * Options: --rows N (default 300), --runtime cpython|pyodide (default: auto).
 */
import { cpus } from "node:os";
import { createLocalRunner } from "../src/node/runner/create-local-runner";
import { BATTERY, batteryInputs, batteryVerdict } from "../src/node/runner/hostile/hostile-battery";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const rows = Number(arg("rows") ?? 300);
const runtime = (arg("runtime") ?? "auto") as "auto" | "cpython" | "pyodide";
const TARGET_S = 120;
const inputs = batteryInputs(rows);
const runner = createLocalRunner({ pythonRuntime: runtime });
console.log(
  `bench:hostile  programs=${BATTERY.length} (${BATTERY.filter((c) => c.program.language === "python").length} Python, ${BATTERY.filter((c) => c.program.language === "javascript").length} JavaScript)  rows=${rows}  cores=${cpus().length}  python runtime=${runtime}`,
);
const began = performance.now();
const result = await runner.apply(
  BATTERY.map((c) => c.program),
  inputs,
  { classNames: ["ham", "spam"] },
);
const seconds = (performance.now() - began) / 1000;
await runner.close();
let failures = 0;
BATTERY.forEach((c, j) => {
  const verdict = batteryVerdict(result, j, c, inputs);
  const m = result.meta[j]!;
  if (verdict) failures++;
  console.log(
    `${verdict ? "NOT CONTAINED" : "contained    "} ${c.program.name.padEnd(24)} ${(m.millis / 1000).toFixed(1).padStart(5)} s  ${JSON.stringify(m.faults)}${m.stopped ? `  stopped at row ${m.stopped.row}: ${m.stopped.reason}` : ""}${verdict ? `  ${verdict}` : ""}`,
  );
});
console.log(
  `total ${seconds.toFixed(1)} s for ${BATTERY.length} programs x ${rows} rows | target <= ${TARGET_S} s | ratio ${(seconds / TARGET_S).toFixed(2)} of the budget | ${failures === 0 ? "all contained, benign votes exact" : `${failures} NOT contained`}`,
);
process.exitCode = failures === 0 ? 0 : 1;
