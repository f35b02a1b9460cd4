import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { applyMigrations } from "@alchemist/db/migrate";

/** Repository root (worker/test/crash -> ../../..). */
export const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Thrown by a `waitFor` check: stop waiting and fail now (the job failed, the worker exited). */
export class StopWaiting extends Error {}

/**
 * Polls `check` every `everyMs` until it returns a truthy value; throws `what` after `timeoutMs`
 * (size it from the work: `CrashBudget`). Other errors of `check` are retried (a restarting
 * Postgres), a `StopWaiting` fails at once.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs: number,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      if (error instanceof StopWaiting) throw error;
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${Math.round(timeoutMs)} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ""}`);
    await sleep(everyMs);
  }
}

function pgBin(name: string): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(base, v, "bin", name))) return join(base, v, "bin", name);
  throw new Error(`PostgreSQL's ${name} not found under ${base}/*/bin (apt-get install postgresql)`);
}

/**
 * Why these tests cannot run here (no PostgreSQL server binaries, no redis-server), or null.
 * The crash tests skip with this message instead of failing on a machine without them.
 */
export function crashTestsUnsupported(): string | null {
  try {
    pgBin("initdb");
    pgBin("pg_ctl");
  } catch (error) {
    return (error as Error).message;
  }
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
  } catch {
    return "redis-server is not on PATH (apt-get install redis-server)";
  }
  return null;
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
/** initdb/postgres refuse to run as root: run them as the `postgres` system user then. */
function pgCommand(bin: string, args: string[]): [string, string[]] {
  return isRoot ? ["runuser", ["-u", "postgres", "--", pgBin(bin), ...args]] : [pgBin(bin), args];
}

export interface PrivatePostgres {
  readonly port: number;
  /** postgresql://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  /** A new database with every migration applied. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast mode: active connections are terminated). */
  stop(): void;
  start(): void;
  restart(): void;
  destroy(): void;
}

/**
 * A private PostgreSQL cluster for one test file: initdb into a temp folder, trust auth, a free
 * port, no fsync (it is thrown away). Real restarts (`pg_ctl stop/start`) without touching the
 * shared server.
 *
 * @example
 * const pg = await startPostgres();
 * const url = await pg.createDatabase("crash");
 */
export async function startPostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), "alchemist-crash-pg-"));
  if (isRoot) execFileSync("chown", ["-R", "postgres", dir]);
  const data = join(dir, "data");
  const port = await freePort();
  const run = (bin: string, args: string[]) => {
    const [cmd, argv] = pgCommand(bin, args);
    execFileSync(cmd, argv, { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 });
  };
  run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--no-instructions"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60`;
  const start = () => run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "60", "start"]);
  const stop = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
  start();
  const url = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      await applyMigrations({ databaseUrl: url(name) });
      return url(name);
    },
    stop,
    start,
    restart() {
      stop();
      start();
    },
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  /** SIGKILL: nothing is kept (no RDB, no AOF), exactly like the project's Redis after a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A private redis-server on a free port with persistence off (`--save "" --appendonly no`).
 *
 * @example
 * const redis = await startRedis();
 * await redis.kill(); await redis.start();
 */
export async function startRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "alchemist-crash-redis-"));
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
    await waitFor(
      `redis-server on port ${port}`,
      () => {
        try {
          return execFileSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() === "PONG";
        } catch {
          return false;
        }
      },
      20_000,
      100,
    );
  };
  const kill = async () => {
    const current = child;
    child = null;
    if (!current || current.exitCode !== null) return;
    const exited = new Promise((done) => current.once("exit", done));
    current.kill("SIGKILL");
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    start,
    async destroy() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout + stderr). */
  output(): string;
  /** Resolves when its output matches `pattern`. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** Sends `signal` and waits for the process to exit (SIGKILL after the start-up budget); returns its exit code (null when killed by a signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the real worker (`worker/src/main.ts` under tsx) as a child process with `env` on top of
 * this process's environment, and waits until every queue listens, for at most `timeoutMs` (a
 * stop gets as long before it is forced).
 *
 * @example
 * const worker = await startWorker({ DATABASE_URL, REDIS_URL, QUEUE_PREFIX: "crash" }, budget.workerStart());
 * await worker.stop("SIGKILL");
 */
export async function startWorker(env: Record<string, string>, timeoutMs: number): Promise<WorkerProcess> {
  // `node --import tsx` rather than the tsx CLI: the CLI runs the worker in a grandchild that a
  // SIGKILL of the CLI would leave running.
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "worker", "src", "main.ts")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  const append = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    if (process.env.CRASH_TEST_VERBOSE) process.stderr.write(`[child ${child.pid}] ${chunk.toString("utf8")}`);
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const worker: WorkerProcess = {
    child,
    output: () => text,
    async waitForOutput(pattern, waitMs) {
      await waitFor(
        `worker output ${pattern}`,
        () => {
          if (child.exitCode !== null) throw new StopWaiting(`worker exited with ${child.exitCode}`);
          return pattern.test(text);
        },
        waitMs,
        100,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n--- worker output ---\n${text.slice(-3000)}`);
      });
    },
    async stop(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  await worker.waitForOutput(/listening/, timeoutMs);
  return worker;
}

/** Settings that make crash recovery take seconds instead of minutes in tests. */
export const FAST_RECOVERY: Record<string, string> = {
  WORKER_LOCK_DURATION_MS: "2000",
  WORKER_STALLED_INTERVAL_MS: "1000",
  WORKER_HEARTBEAT_MS: "300",
  WORKER_TRANSIENT_RETRY_MS: "60000",
  WORKER_SHUTDOWN_GRACE_MS: "1500",
  RECONCILE_INTERVAL_MS: "1000",
  RECONCILE_STALE_MS: "2500",
};
