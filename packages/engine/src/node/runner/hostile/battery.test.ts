import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplyResult, ProgramRunner } from "../../../core/program";
import { createLocalRunner } from "../create-local-runner";
import { cpythonIsolation } from "../cpython-isolation";
import { BATTERY, batteryInputs, batteryVerdict } from "./hostile-battery";
import { testBudget } from "../../testing/test-budget";

// The hostile battery (loops, sleeps, memory bombs, huge outputs...) in one apply with benign
// neighbours, on the default runtime: every program is contained or stopped, the
// apply finishes, benign votes are exact. `npm run bench:hostile` runs it over 300 rows and times it.
const inputs = batteryInputs(12);
let runner: ProgramRunner;
let result: ApplyResult;
beforeAll(async () => {
  // A 500 ms row budget and small memory caps keep the suite quick; the slow-but-legal programs take 250 ms a row.
  runner = createLocalRunner({ pythonRuntime: cpythonIsolation().ok ? "cpython" : "pyodide", rowTimeoutMs: 500, pythonMemoryMb: 256, memoryMb: 256 });
  result = await runner.apply(
    BATTERY.map((c) => c.program),
    inputs,
    { classNames: ["ham", "spam"] },
  );
}, testBudget(600_000));
afterAll(() => runner?.close());

describe("the hostile battery", () => {
  it.each(BATTERY.map((c, j) => [c.program.name, j] as const))("%s is contained", (_name, j) => {
    expect(batteryVerdict(result, j, BATTERY[j]!, inputs)).toBe("");
  });

  it("leaves no process behind once the runner is closed (the test process has no descendants left)", async () => {
    const descendants = async (): Promise<string[]> => {
      const { execFileSync } = await import("node:child_process");
      const rows = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
        .trim()
        .split("\n")
        .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
        .filter((m) => m !== null);
      const found: string[] = [];
      const walk = (pid: string): void => {
        for (const [, child, parent, args] of rows) {
          if (parent !== pid || args!.startsWith("ps ")) continue;
          found.push(`${child} ${args}`);
          walk(child!);
        }
      };
      walk(String(process.pid));
      return found;
    };
    expect((await descendants()).length).toBeGreaterThan(0); // the sandboxes of the apply above
    await runner.close();
    for (let i = 0; i < 50 && (await descendants()).length; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await descendants()).toEqual([]);
  });
});
