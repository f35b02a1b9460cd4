import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./harness";

/** What the work of a crash test costs on this machine now (under whatever else it is running). */
export interface Calibration {
  /** ms to start node under tsx and load the worker's modules (the CPU-bound part of a worker start). */
  readonly workerLoadMs: number;
  /** ms per million iterations of the apply fixture's per-row loop (the programs' work), in a fresh process. */
  readonly loopMs: number;
}

/**
 * Measures the machine as it is now, in a child process like the worker: node + tsx, the worker's
 * module graph, and the loop the apply fixture's programs run. Run once per test file, at load.
 *
 * @example
 * const budget = crashBudget(await calibrate());
 */
export async function calibrate(): Promise<Calibration> {
  const script = `const t = performance.now(); let s = 0; for (let i = 0; i < 2e7; i++) s += i % 7; const loop = (performance.now() - t) / 20;
await import(${JSON.stringify(join(ROOT, "worker", "src", "queue-table.ts"))}); console.log(JSON.stringify({ loop, s }));`;
  const started = performance.now();
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const { loop } = JSON.parse(out.trim().split("\n").pop()!) as { loop: number };
  return { workerLoadMs: performance.now() - started - loop * 20, loopMs: loop };
}

// Ceilings, not sleeps: each budget is SLACK times what the work measured now costs, plus a
// generous allowance per unit of work that is mostly I/O (a chunk job's round trips, a row written).
const SLACK = 4;
/** A worker's connections (Postgres, Redis, every queue's worker and cancel subscriber) once its modules are loaded. */
const CONNECT_MS = 3_000;
/** One apply chunk job beyond its programs' work: claim, load rows, the sandbox round trip, upsert votes, progress. */
const PER_CHUNK_MS = 1_000;
/** One row through an import, predict or export (parse, featurize, write). */
const PER_ROW_MS = 0.5;
/** One row through one training epoch of the crash tests' small MLP (features, forward, backward). */
const PER_ROW_EPOCH_MS = 0.2;
/** One program asked of the mock LLM server, booked, and checked in a sandbox. */
const PER_PROGRAM_MS = 2_000;
/** A Postgres or Redis restart (pg_ctl -w, redis-server answering PING). */
const RESTART_MS = 15_000;
/** A private Postgres cluster (initdb, start) and a redis-server, before the migrations. */
const CLUSTER_MS = 30_000;

export interface CrashBudget {
  /** A worker process started until it listens (and stopped again). */
  workerStart(): number;
  /** An apply of the fixture: `rows` in chunks of `chunkSize`, `programs` each running `work` loop iterations per row. */
  apply(work: { rows: number; chunkSize: number; programs: number; work: number }): number;
  /** Jobs that handle `rows` rows once each (import, predict, export). */
  rows(rows: number): number;
  /** Generating (or refining) `programs` programs against the mock LLM server, the sandbox that checks them started once. */
  programs(programs: number): number;
  /** Training `epochs` over `rows` rows (plus the label-model fit before it). */
  training(rows: number, epochs: number): number;
  /** Restarting Postgres or Redis. */
  restart(): number;
  /** Starting (or tearing down) a test file's stack. */
  stackStart(): number;
}

/**
 * Budgets of the crash tests' waits, derived from the work each one waits for and the machine's
 * measured speed, never a fixed time: on a busy machine every budget grows with what it measured.
 *
 * @example
 * const budget = crashBudget(await calibrate());
 * await waitFor("the job", check, budget.apply({ rows: 3000, chunkSize: 100, programs: 3, work: 4000 }));
 */
export function crashBudget(c: Calibration): CrashBudget {
  return {
    workerStart: () => SLACK * c.workerLoadMs + CONNECT_MS,
    apply: (w) => SLACK * ((w.rows * w.programs * w.work) / 1e6) * c.loopMs + Math.ceil(w.rows / w.chunkSize) * PER_CHUNK_MS,
    rows: (rows) => rows * PER_ROW_MS,
    // A sandbox process loads less than a worker does.
    programs: (programs) => SLACK * c.workerLoadMs + programs * PER_PROGRAM_MS,
    training: (rows, epochs) => rows * (epochs + 1) * PER_ROW_EPOCH_MS,
    restart: () => RESTART_MS,
    // Applying the migrations loads Prisma like a worker loads its modules.
    stackStart: () => CLUSTER_MS + SLACK * c.workerLoadMs,
  };
}
