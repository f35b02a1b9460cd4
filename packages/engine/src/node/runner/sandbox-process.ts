import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import type { Socket } from "node:net";
import { encodeFrame, FrameReader, type Frame } from "./sandbox-frames";

/** How a request ended when the sandbox did not answer it. */
export interface SandboxDeath {
  readonly died: "crash" | "memory" | "timeout";
  readonly message: string;
}

/** How to start one kind of sandbox and read its death. */
export interface SandboxSpec {
  readonly command: string;
  readonly args: readonly string[];
  /** Why the process died, from the tail of its stderr and its exit (called only for deaths the runner did not cause). */
  readonly describeExit: (stderrTail: string, code: number | null, signal: NodeJS.Signals | null) => SandboxDeath;
  /** Time the process may take to start and say it is ready. */
  readonly startMs: number;
  /** What is wrong with the sandbox from its ready frame ("" when nothing): a sandbox with a problem is killed before any request. */
  readonly checkReady?: (header: unknown) => string;
}

export interface SandboxRequest {
  readonly header: Record<string, unknown>;
  readonly body?: Uint8Array;
  /** Called for every answer frame but the closing `done` one (for single-answer requests, once). */
  readonly onFrame?: (frame: Frame) => void;
  /** The request is answered by exactly one frame (check), not a stream closed by `{"done": true}`. */
  readonly single?: boolean;
  /** Deadline for the next frame, in ms, given the number of frames received so far (re-armed at each one). */
  readonly deadlineMs: (framesSoFar: number) => number;
}

export type SandboxOutcome = { readonly frames: number; readonly last?: Frame } & ({ readonly done: true } | SandboxDeath);

/**
 * One supervised sandbox process speaking length-prefixed frames on stdin/stdout (see
 * sandbox-frames.ts): the CPython zygote, a JavaScript child or a Pyodide child. One request at a
 * time; every answer frame must arrive before a deadline (re-armed per frame), else the process is
 * killed and the request ends as a `timeout`. A death the runner did not cause is described by the
 * spec (memory, crash). Idle processes do not keep the caller's event loop alive.
 *
 * @example
 * const box = new SandboxProcess(spec);
 * const outcome = await box.request({ header: { t: "check", src, fn }, single: true, deadlineMs: () => 10_000, onFrame });
 */
export class SandboxProcess {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly reader = new FrameReader();
  private readonly ready: Promise<void>;
  private readonly exited: Promise<void>;
  private stderrTail = "";
  private pending?: { request: SandboxRequest; frames: number; settle: (outcome: SandboxOutcome) => void; timer?: NodeJS.Timeout };
  private started = false;
  private killedBy?: SandboxDeath;
  /** The frame that said the process is ready (the CPython probe reads what the sandbox saw from inside). */
  readyHeader: unknown;
  alive = true;

  constructor(private readonly spec: SandboxSpec) {
    this.proc = spawn(spec.command, [...spec.args], { env: {}, stdio: ["pipe", "pipe", "pipe"] });
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
      let frames: Frame[];
      try {
        frames = this.reader.push(chunk);
      } catch (error) {
        this.kill({ died: "crash", message: `the sandbox's answer stream was corrupt (${(error as Error).message})` });
        return;
      }
      for (const frame of frames) {
        if (!this.started) {
          this.started = true;
          this.readyHeader = frame.header;
          const problem = this.spec.checkReady?.(frame.header) ?? "";
          if (problem) this.kill({ died: "crash", message: `the sandbox refused to run programs: ${problem}` });
          markReady();
        } else {
          this.onFrame(frame);
        }
      }
    });
    this.proc.on("exit", (code, signal) => {
      this.alive = false;
      this.finish(this.killedBy ?? this.spec.describeExit(this.stderrTail, code, signal));
    });
  }

  private onFrame(frame: Frame): void {
    const pending = this.pending;
    if (!pending) return this.kill({ died: "crash", message: "the sandbox answered when nothing was asked" });
    const header = frame.header as { done?: unknown } | null;
    if (!pending.request.single && header !== null && typeof header === "object" && header.done === true) {
      this.finish({ done: true });
      return;
    }
    pending.frames++;
    pending.request.onFrame?.(frame);
    if (pending.request.single) return this.finish({ done: true, last: frame } as SandboxOutcome);
    this.arm();
  }

  private arm(): void {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.timer = setTimeout(
      () => this.kill({ died: "timeout", message: "did not answer within its deadline; the sandbox was killed" }),
      pending.request.deadlineMs(pending.frames),
    );
  }

  private finish(outcome: SandboxDeath | { done: true; last?: Frame }): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.settle({ ...outcome, frames: pending.frames } as SandboxOutcome);
  }

  /** Sends one request; resolves when it is answered in full, or with how the sandbox died. */
  async request(request: SandboxRequest): Promise<SandboxOutcome> {
    if (this.pending) throw new Error("a sandbox handles one request at a time");
    const answer = new Promise<SandboxOutcome>((resolve) => {
      this.pending = { request, frames: 0, settle: resolve };
    });
    // The start-up deadline also keeps the caller's event loop alive while the sandbox starts.
    const pending = this.pending!;
    pending.timer = setTimeout(() => this.kill({ died: "crash", message: `the sandbox did not start within ${this.spec.startMs} ms` }), this.spec.startMs);
    await Promise.race([this.ready, this.exited]);
    if (!this.alive || this.pending !== pending) {
      this.finish(this.killedBy ?? this.spec.describeExit(this.stderrTail, this.proc.exitCode, this.proc.signalCode));
    } else {
      this.arm();
      this.proc.stdin.write(encodeFrame(request.header, request.body));
    }
    return answer;
  }

  /** Kills the process; a pending request ends with `why` (default: the runner stopped it). */
  kill(why: SandboxDeath = { died: "crash", message: "the sandbox was stopped" }): void {
    if (!this.alive) return;
    this.killedBy ??= why;
    this.proc.kill("SIGKILL");
  }
}
