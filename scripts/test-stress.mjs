// `npm run test:stress`: the unit suite (`npm run test:unit`) with two CPU-bound busy loops running
// beside it, the load of a shared 2-core CI box. A suite that passes here has no test that depends
// on how fast the machine is. The loops are separate processes (the suite's own processes compete
// with them like any other load) and are stopped when the suite ends, fails, or is interrupted.
// Usage:
//   npm run test:stress                          the unit suite under load
//   npm run test:stress -- FILE...               those test files (vitest run FILE...) under the same load
//   npm run test:stress -- npx vitest run PATH   any other command under the same load
//   STRESS_LOOPS=3 npm run test:stress            a different number of busy loops
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

const loops = Number(process.env.STRESS_LOOPS ?? 2);
if (!Number.isInteger(loops) || loops < 0 || loops > 64) {
  console.error(`STRESS_LOOPS must be an integer 0..64, got ${process.env.STRESS_LOOPS}`);
  process.exit(2);
}
const args = process.argv.slice(process.argv[2] === "--" ? 3 : 2);
// Arguments that are all existing paths are test files for vitest; anything else is a command.
const files = args.length > 0 && args.every((arg) => existsSync(arg));
const [command, ...commandArgs] = args.length === 0 ? ["npm", "run", "test:unit"] : files ? ["npx", "vitest", "run", ...args] : args;

// Each loop is a bare `node -e`: no stdio, its own process group so a signal to ours does not
// leave it to chance; killed explicitly below.
const busy = Array.from({ length: loops }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore", detached: true }));
let stopped = false;
function stopLoops() {
  if (stopped) return;
  stopped = true;
  for (const child of busy) {
    try {
      process.kill(child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
process.on("exit", stopLoops);

const started = Date.now();
console.log(`[test:stress] ${loops} busy loop(s) (pids ${busy.map((c) => c.pid).join(", ")}) beside: ${[command, ...commandArgs].join(" ")}`);
const suite = spawn(command, commandArgs, { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    suite.kill(signal);
    stopLoops();
  });
}
suite.on("error", (error) => {
  console.error(`[test:stress] could not start ${command}: ${error.message}`);
  stopLoops();
  process.exit(1);
});
suite.on("exit", (code, signal) => {
  stopLoops();
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`[test:stress] ${signal ? `killed by ${signal}` : `exit ${code}`} after ${seconds} s under ${loops} busy loop(s)`);
  process.exit(code ?? 1);
});
