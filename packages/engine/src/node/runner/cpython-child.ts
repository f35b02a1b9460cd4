import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import type { Socket } from "node:net";
import type { Program } from "../../core/program";
import type { CpythonIsolation } from "./cpython-isolation";
import type { ChildAnswer, ChildDeath } from "./runner-child";

/**
 * One supervised CPython sandbox: `unshare` + cpython-launcher.py + the cpython-harness.py zygote
 * (private read-only root, namespaces, uid 65534, rlimits, audit hook, a fork per task). Same
 * request/answer contract as RunnerChild, so ChildPool and applyPrograms treat both alike:
 * `run`/`try` answer the harness's JSON text, `check` the parsed object. Frames on stdin:
 * "<header bytes> <payload bytes>\n" + header JSON + chunk JSON; answers "<bytes>\n" + JSON.
 *
 * @example
 * const child = new CpythonChild(iso, 512);
 * const answer = await child.request({ type: "run", program, inputsJson: "[\"hi\"]", rowTimeoutMs: 1000 }, 30_000);
 */
export class CpythonChild {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly ready: Promise<void>;
  private readonly exited: Promise<void>;
  private stderrTail = "";
  private buffer: Buffer = Buffer.alloc(0);
  private expected = -1;
  private readyFlag = false;
  private pending?: (answer: ChildAnswer<unknown>) => void;
  private pendingType = "";
  private deadlineHit = false;
  alive = true;

  constructor(isolation: CpythonIsolation, memoryMb: number) {
    this.proc = spawn(isolation.command, isolation.args(memoryMb), { env: {}, stdio: ["pipe", "pipe", "pipe"] });
    // Idle sandboxes must not keep the caller alive; a pending request's deadline timer does.
    this.proc.unref();
    for (const stream of [this.proc.stdin, this.proc.stdout, this.proc.stderr]) (stream as unknown as Socket).unref?.();
    this.proc.stdin.on("error", () => undefined);
    this.proc.stderr.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-4000);
    });
    let markReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    this.exited = new Promise((resolve) => this.proc.once("exit", () => resolve()));
    this.proc.stdout.on("data", (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      for (;;) {
        if (this.expected < 0) {
          const nl = this.buffer.indexOf(10);
          if (nl < 0) return;
          this.expected = Number(this.buffer.subarray(0, nl).toString("latin1"));
          this.buffer = this.buffer.subarray(nl + 1);
        }
        if (this.buffer.length < this.expected) return;
        const body = this.buffer.subarray(0, this.expected).toString("utf8");
        this.buffer = this.buffer.subarray(this.expected);
        this.expected = -1;
        if (!this.readyFlag) {
          this.readyFlag = true;
          markReady();
        } else {
          this.answer(body);
        }
      }
    });
    this.proc.on("exit", (code, signal) => {
      this.alive = false;
      this.finish(this.death(code, signal));
    });
  }

  private answer(body: string): void {
    if (this.pendingType !== "check") return this.finish({ result: body });
    try {
      this.finish({ result: JSON.parse(body) as unknown });
    } catch {
      this.finish({ died: "crash", message: "the sandbox answered a check with malformed JSON" });
    }
  }

  private death(code: number | null, signal: NodeJS.Signals | null): ChildDeath {
    if (this.deadlineHit) return { died: "timeout", message: "did not finish within the chunk deadline; the sandbox was killed" };
    const lastLine = this.stderrTail.trim().split("\n").pop() ?? "";
    if (/MemoryError/.test(lastLine)) return { died: "memory", message: `ran out of memory: ${lastLine.slice(0, 200)}` };
    return { died: "crash", message: `sandbox exited with ${signal ? `signal ${signal}` : `code ${code}`}${lastLine ? `: ${lastLine.slice(0, 200)}` : ""}` };
  }

  private finish(answer: ChildAnswer<unknown>): void {
    const settle = this.pending;
    this.pending = undefined;
    settle?.(answer);
  }

  /** Sends one request; resolves with the result, or with how the sandbox died (killed after `deadlineMs`). */
  async request<T>(payload: Record<string, unknown>, deadlineMs: number): Promise<ChildAnswer<T>> {
    if (this.pending) throw new Error("CpythonChild handles one request at a time");
    const timer = setTimeout(() => {
      this.deadlineHit = true;
      this.kill();
    }, deadlineMs);
    const answer = new Promise<ChildAnswer<T>>((resolve) => {
      this.pending = (result) => resolve(result as ChildAnswer<T>);
    });
    this.pendingType = String(payload.type);
    await Promise.race([this.ready, this.exited]);
    if (!this.alive) {
      this.finish(this.death(this.proc.exitCode, this.proc.signalCode));
    } else {
      const program = payload.program as Program;
      const header = Buffer.from(JSON.stringify({
        type: payload.type,
        source: program.source,
        fn: program.functionName,
        name: program.name,
        budget: payload.rowTimeoutMs ?? 1000,
        key: payload.inputsKey ?? null,
        keep: payload.keep === true,
      }));
      const body = typeof payload.inputsJson === "string" ? Buffer.from(payload.inputsJson) : Buffer.alloc(0);
      this.proc.stdin.write(Buffer.concat([Buffer.from(`${header.length} ${body.length}\n`), header, body]));
    }
    return answer.finally(() => clearTimeout(timer));
  }

  kill(): void {
    if (this.alive) this.proc.kill("SIGKILL");
  }
}
