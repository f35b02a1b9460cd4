import type { DataRow } from "../core/dataset";
import { createLabelMatrix, type LabelMatrix } from "../core/label-matrix";
import type { ApplyProgress, Program, ProgramRunMeta, ProgramRunner } from "../core/program";
import type { TaskSpec } from "../core/task";
import { applyChunkStage } from "./apply-chunk-stage";
import { memoryChunkPort } from "./memory-chunk-port";
import { voteCodeCount } from "../multi-label/vote-code-count";

/**
 * The engine's apply stage with the in-memory port: one chunk of every row, each program its own
 * column of L (the CLI's pipeline, rounds and sweeps; class-set bitmasks for a multi-label task).
 *
 * @example
 * const { L, meta } = await applyInMemory({ runner, task, rows: dataset.rows, programs });
 */
export async function applyInMemory(o: {
  runner: ProgramRunner;
  task: TaskSpec;
  rows: readonly DataRow[];
  programs: readonly Program[];
  signal?: AbortSignal;
  onProgress?: (p: ApplyProgress) => void;
}): Promise<{ L: LabelMatrix; meta: ProgramRunMeta[] }> {
  const n = o.rows.length;
  const port = memoryChunkPort(o.rows);
  const keyed = o.programs.map((program, j) => ({ codeHash: String(j), program }));
  await applyChunkStage({
    runner: o.runner,
    task: o.task,
    programs: keyed,
    chunk: { index: 0, start: 0, rows: n },
    port,
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  const L = createLabelMatrix(n, o.programs.length, voteCodeCount(o.task.classes.length, o.task.multiLabel === true));
  const meta = o.programs.map((program, j): ProgramRunMeta => {
    const saved = port.saved.find((s) => s.codeHash === String(j))!;
    for (let i = 0; i < n; i++) L.values[i * L.m + j] = saved.votes[i]!;
    return {
      name: program.name,
      faults: saved.faults,
      millis: saved.millis,
      ...(saved.firstError !== null ? { firstError: saved.firstError } : {}),
      ...(saved.stopped ? { stopped: saved.stopped } : {}),
    };
  });
  return { L, meta };
}
