import type { DataRow } from "../core/dataset";
import type { ChunkPort, ChunkProgramVotes, ProgramStopRecord } from "./apply-chunk-stage";

/**
 * The CLI's in-memory ChunkPort: one chunk holding every row, nothing stored before, the votes and
 * stops kept in `saved` / `stopped` for the pipeline to assemble.
 *
 * @example
 * const port = memoryChunkPort(dataset.rows);
 * await applyChunkStage({ runner, task, programs, chunk: { index: 0, start: 0, rows: dataset.rows.length }, port });
 */
export function memoryChunkPort(rows: readonly DataRow[]): ChunkPort & { readonly saved: ChunkProgramVotes[]; readonly stopped: ProgramStopRecord[] } {
  const saved: ChunkProgramVotes[] = [];
  const stopped: ProgramStopRecord[] = [];
  return {
    saved,
    stopped,
    stored: async () => new Set(),
    stops: async () => new Map(),
    rows: async () => rows,
    saveVotes: async (votes) => void saved.push(...votes),
    recordStops: async (stops) => void stopped.push(...stops),
  };
}
