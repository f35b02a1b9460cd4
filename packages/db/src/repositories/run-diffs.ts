import type { RunDiffResult } from "@alchemist/engine";
import type { Db } from "../client";
import { DomainError } from "../domain-error";
import { bytesToVotes } from "../votes";
import { readPseudolabels } from "./pseudolabels";
import { pseudolabelStamp } from "./review-orders";

type DiffRun = {
  id: string;
  projectId: string;
  datasetId: string;
  createdAt: Date;
  labelModel: string | null;
  programs: unknown;
  dataset: { id: string; chunkSize: number; rowCount: number };
};

/** Where a diff of two runs stands: the runs, their pseudolabel stamps and the stored result if it is current. */
export interface RunDiffState {
  readonly runA: DiffRun;
  readonly runB: DiffRun;
  /** Newest pseudolabel write of each run (epoch ms): the version of the diff's inputs. */
  readonly stamps: { readonly a: Date; readonly b: Date };
  /** The stored diff when it was computed from these stamps; null when a `run-diff` job is due. */
  readonly result: RunDiffResult | null;
}

/**
 * Reads the stored diff of runs A and B if it matches both runs' current pseudolabels (two small
 * queries and one JSON row; nothing is computed here: the `run-diff` job does that).
 * DomainError NOT_FOUND when a run is not in the project, CONFLICT when the runs are on different
 * datasets or either has no pseudolabels.
 *
 * @example
 * const state = await runDiffState(prisma, { projectId, runAId, runBId });
 * if (!state.result) await queueRunDiff(state); // "computing…"
 */
export async function runDiffState(db: Db, input: { projectId: string; runAId: string; runBId: string }): Promise<RunDiffState> {
  const select = {
    id: true,
    projectId: true,
    datasetId: true,
    createdAt: true,
    labelModel: true,
    programs: true,
    dataset: { select: { id: true, chunkSize: true, rowCount: true } },
  } as const;
  const [runA, runB] = await Promise.all([input.runAId, input.runBId].map((id) => db.run.findUnique({ where: { id }, select })));
  for (const [run, id] of [
    [runA, input.runAId],
    [runB, input.runBId],
  ] as const) {
    if (!run || run.projectId !== input.projectId) throw new DomainError("NOT_FOUND", `run ${id} is not in this project: pick two runs from the Runs page`);
  }
  if (runA!.datasetId !== runB!.datasetId)
    throw new DomainError("CONFLICT", `runs ${runA!.id} and ${runB!.id} label different datasets; only runs over the same dataset can be compared`);
  const [stampA, stampB] = await Promise.all([pseudolabelStamp(db, runA!.id), pseudolabelStamp(db, runB!.id)]);
  for (const [run, stamp] of [
    [runA!, stampA],
    [runB!, stampB],
  ] as const) {
    if (!stamp) throw new DomainError("CONFLICT", `run ${run.id} has no pseudolabels yet: fit its label model (Label model page) before comparing`);
  }
  const stored = await db.runDiff.findUnique({ where: { runAId_runBId: { runAId: runA!.id, runBId: runB!.id } }, select: { result: true } });
  const hit = stored?.result as RunDiffResult | undefined;
  const current = hit?.version === 1 && hit.stamps.a === stampA!.toISOString() && hit.stamps.b === stampB!.toISOString();
  return { runA: runA!, runB: runB!, stamps: { a: stampA!, b: stampB! }, result: current ? hit : null };
}

/**
 * Program version numbers by version id (the run diff's program lists show them).
 *
 * @example
 * const versions = await programVersionNumbers(prisma, programs.map((p) => p.programVersionId));
 */
export async function programVersionNumbers(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.programVersion.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, version: true } });
  return new Map(rows.map((r) => [r.id, r.version]));
}

/**
 * One chunk of a run diff's inputs: both runs' predicted labels on rows `from..to` and the stored
 * votes of the given code hashes on that chunk (a hash with no stored chunk is left out).
 *
 * @example
 * const { labelsA, labelsB, votes } = await readRunDiffChunk(prisma, { runAId, runBId, datasetId, chunkIndex: 0, from: 0, to: 1000, hashes });
 */
export async function readRunDiffChunk(
  db: Db,
  input: { runAId: string; runBId: string; datasetId: string; chunkIndex: number; from: number; to: number; hashes: readonly string[] },
) {
  const [labelsA, labelsB, outputs] = await Promise.all([
    readPseudolabels(db, input.runAId, { fromIndex: input.from, toIndex: input.to }),
    readPseudolabels(db, input.runBId, { fromIndex: input.from, toIndex: input.to }),
    input.hashes.length === 0
      ? Promise.resolve([])
      : db.programOutput.findMany({
          where: { datasetId: input.datasetId, chunkIndex: input.chunkIndex, codeHash: { in: [...input.hashes] } },
          select: { codeHash: true, votes: true },
        }),
  ]);
  return { labelsA: labelsA.predicted, labelsB: labelsB.predicted, votes: new Map(outputs.map((o) => [o.codeHash, bytesToVotes(o.votes)])) };
}

/**
 * Stores (or replaces) the diff of runs A and B.
 *
 * @example
 * await saveRunDiff(prisma, result);
 */
export async function saveRunDiff(db: Db, result: RunDiffResult): Promise<void> {
  const json = JSON.parse(JSON.stringify(result)) as object;
  const key = { runAId: result.runA.id, runBId: result.runB.id };
  await db.runDiff.upsert({ where: { runAId_runBId: key }, create: { ...key, result: json }, update: { result: json, createdAt: new Date() } });
}
