import type { DataRow } from "../core/dataset";
import { voteArrayFor, type VoteArray } from "../core/label-matrix";
import type { FaultCounts, Program, ProgramLimits, ProgramRunner } from "../core/program";
import type { TaskSpec } from "../core/task";
import { programInput } from "../datasets/program-input";
import { EngineError } from "../errors/engine-error";
import { voteCodeCount } from "../multi-label/vote-code-count";

/** Where the runner stopped a program (its later rows are `disabled`), as an apply records it. */
export interface ProgramStopRecord {
  readonly codeHash: string;
  /** Row (in the whole dataset) from which the program is disabled. */
  readonly row: number;
  readonly reason: string;
  /** The chunk it was stopped on. */
  readonly chunkIndex: number;
}

/** One program's votes on one chunk (-1 = abstain): Int8 up to 127 classes, as the studio stores them. */
export interface ChunkProgramVotes {
  readonly codeHash: string;
  readonly votes: VoteArray;
  readonly faults: FaultCounts;
  readonly firstError: string | null;
  readonly millis: number;
  readonly stopped: { readonly row: number; readonly reason: string } | null;
}

/**
 * What the apply stage reads and writes for one chunk: Postgres in the studio's worker (one chunk
 * job), memory in the CLI (one chunk holding every row).
 */
export interface ChunkPort {
  /** Programs (by code hash) whose votes for this chunk are already stored. */
  stored(codeHashes: readonly string[]): Promise<ReadonlySet<string>>;
  /** Programs stopped earlier in this apply, by code hash. */
  stops(): Promise<ReadonlyMap<string, ProgramStopRecord>>;
  /** The chunk's rows, in row order. */
  rows(): Promise<readonly DataRow[]>;
  /** Stores the chunk's votes for every program that had none (idempotently: a retry rewrites). */
  saveVotes(votes: readonly ChunkProgramVotes[]): Promise<void>;
  /** Records the programs the runner stopped on this chunk (after their votes are stored). */
  recordStops(stops: readonly ProgramStopRecord[]): Promise<void>;
}

export interface ChunkOutcome {
  readonly chunkIndex: number;
  /** Programs run on the chunk (their votes were missing). */
  readonly computed: number;
  /** Programs stopped earlier: stored as `disabled` faults without running. */
  readonly disabled: number;
  /** Programs the runner stopped on this chunk. */
  readonly stopped: readonly ProgramStopRecord[];
}

/**
 * The apply stage for one chunk of rows: runs the programs (unique by code hash) whose votes for
 * it are not stored yet, stores each one's votes, and records where the runner stopped a program so
 * later chunks (on any worker) do not run it again: its votes there are abstains counted as
 * `disabled` faults with the stop's row and reason. The studio's chunk jobs and the CLI's pipeline
 * both run this; only the port differs.
 *
 * @example
 * const outcome = await applyChunkStage({ runner, task, programs, chunk: { index: 3, start: 3000, rows: 1000 }, port, sessionKey: (hashes) => `${runId}:${hashes.join(",")}` });
 */
export async function applyChunkStage(o: {
  readonly runner: ProgramRunner;
  readonly task: TaskSpec;
  readonly programs: readonly { readonly codeHash: string; readonly program: Program }[];
  readonly chunk: { readonly index: number; readonly start: number; readonly rows: number };
  readonly port: ChunkPort;
  /** The runner's session for the programs that run (see ApplyOptions.sessionKey), given their code hashes. */
  readonly sessionKey?: (codeHashes: readonly string[]) => string;
  /** The run's budgets (runSettingsLimits); the runner's own when absent. */
  readonly limits?: ProgramLimits;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { done: number; total: number }) => void;
}): Promise<ChunkOutcome> {
  const { chunk, port, task } = o;
  const stored = await port.stored(o.programs.map((p) => p.codeHash));
  const todo = o.programs.filter((p) => !stored.has(p.codeHash));
  const codes = voteCodeCount(task.classes.length, task.multiLabel === true);
  if (todo.length === 0) return { chunkIndex: chunk.index, computed: 0, disabled: 0, stopped: [] };
  const stops = await port.stops();
  const run = todo.filter((p) => !stops.has(p.codeHash));
  const out: ChunkProgramVotes[] = [];
  for (const p of todo) {
    const stop = stops.get(p.codeHash);
    if (!stop) continue;
    out.push({
      codeHash: p.codeHash,
      votes: voteArrayFor(codes, chunk.rows).fill(-1),
      faults: { disabled: chunk.rows },
      firstError: `stopped at row ${stop.row} (chunk ${stop.chunkIndex}): ${stop.reason}`,
      millis: 0,
      stopped: { row: stop.row, reason: stop.reason },
    });
  }
  const newStops: ProgramStopRecord[] = [];
  if (run.length > 0) {
    const rows = await port.rows();
    if (rows.length !== chunk.rows) throw new EngineError("INVALID_ARGUMENT", `chunk ${chunk.index} has ${rows.length} rows, expected ${chunk.rows}`);
    const inputs = rows.map((row) => programInput(row, task.input));
    const { L, meta } = await o.runner.apply(
      run.map((p) => p.program),
      inputs,
      {
        classNames: task.classes.map((c) => c.name),
        ...(task.multiLabel === true ? { multiLabel: true } : {}),
        ...(o.sessionKey !== undefined ? { sessionKey: o.sessionKey(run.map((p) => p.codeHash)) } : {}),
        ...(o.limits ? { limits: o.limits } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
      },
    );
    if (L.n !== rows.length || L.m !== run.length)
      throw new EngineError(
        "INVALID_ARGUMENT",
        `the runner returned ${L.n} x ${L.m} votes for chunk ${chunk.index} (${rows.length} rows x ${run.length} programs)`,
      );
    for (let j = 0; j < L.m; j++) {
      const votes = voteArrayFor(codes, L.n);
      for (let i = 0; i < L.n; i++) votes[i] = L.values[i * L.m + j]!;
      const m = meta[j]!;
      const stopped = m.stopped ? { row: chunk.start + m.stopped.row, reason: m.stopped.reason } : null;
      if (stopped) newStops.push({ codeHash: run[j]!.codeHash, chunkIndex: chunk.index, ...stopped });
      out.push({ codeHash: run[j]!.codeHash, votes, faults: m.faults, firstError: m.firstError ?? null, millis: m.millis, stopped });
    }
  }
  await port.saveVotes(out);
  // After the votes: a crash in between re-runs the chunk, which stops the program again.
  await port.recordStops(newStops);
  return { chunkIndex: chunk.index, computed: run.length, disabled: todo.length - run.length, stopped: newStops };
}
