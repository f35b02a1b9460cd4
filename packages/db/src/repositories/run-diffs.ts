import { attributeLabelChanges, emptyLabelChangeCounts, mergeLabelChangeCounts, type LabelChangeSample, type ProgramVotePair } from "@alchemist/engine";
import type { Db } from "../client";
import { bytesToVotes } from "../votes";
import { readPseudolabels } from "./pseudolabels";
import { pseudolabelStamp } from "./review-orders";
import { runPrograms, type RunProgram } from "./runs";

export interface RunDiffProgram {
  readonly programId: string;
  readonly name: string;
  /** Version number in run A / run B; null when the program is not in that run. */
  readonly versionA: number | null;
  readonly versionB: number | null;
}

/** What changed between two runs of the same dataset (stored as RunDiff.result). */
export interface RunDiffResult {
  readonly version: 1;
  readonly runA: { readonly id: string; readonly createdAt: string; readonly labelModel: string | null };
  readonly runB: { readonly id: string; readonly createdAt: string; readonly labelModel: string | null };
  readonly programs: { readonly added: RunDiffProgram[]; readonly removed: RunDiffProgram[]; readonly changed: RunDiffProgram[]; readonly unchanged: RunDiffProgram[] };
  readonly labelModelChanged: boolean;
  readonly rows: number;
  /** Rows whose pseudolabel (argmax) differs between the runs. */
  readonly changed: number;
  /** Programs whose votes differ on changed rows, most changes first. */
  readonly drivers: { readonly programId: string; readonly name: string; readonly rows: number }[];
  /** Changed rows with identical votes in both runs: moved by the label model alone. */
  readonly labelModelOnly: number;
  readonly transitions: { readonly from: number; readonly to: number; readonly rows: number }[];
  readonly samples: readonly LabelChangeSample[];
  /** Newest pseudolabel write of each run when computed: a refit makes the stored diff stale. */
  readonly stamps: { readonly a: string; readonly b: string };
}

async function versionNumbers(db: Db, programs: readonly RunProgram[]): Promise<Map<string, number>> {
  const rows = await db.programVersion.findMany({ where: { id: { in: programs.map((p) => p.programVersionId) } }, select: { id: true, version: true } });
  return new Map(rows.map((r) => [r.id, r.version]));
}

type DiffRun = { id: string; projectId: string; datasetId: string; createdAt: Date; labelModel: string | null; programs: unknown; dataset: { id: string; chunkSize: number; rowCount: number } };

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
 * Throws when a run is missing, the runs are on different datasets, or either has no pseudolabels.
 *
 * @example
 * const state = await runDiffState(prisma, { projectId, runAId, runBId });
 * if (!state.result) await queueRunDiff(state); // "computing…"
 */
export async function runDiffState(db: Db, input: { projectId: string; runAId: string; runBId: string }): Promise<RunDiffState> {
  const select = { id: true, projectId: true, datasetId: true, createdAt: true, labelModel: true, programs: true, dataset: { select: { id: true, chunkSize: true, rowCount: true } } } as const;
  const [runA, runB] = await Promise.all([input.runAId, input.runBId].map((id) => db.run.findUnique({ where: { id }, select })));
  if (!runA || runA.projectId !== input.projectId) throw new Error(`run ${input.runAId} is not in project ${input.projectId}`);
  if (!runB || runB.projectId !== input.projectId) throw new Error(`run ${input.runBId} is not in project ${input.projectId}`);
  if (runA.datasetId !== runB.datasetId) throw new Error(`runs ${runA.id} and ${runB.id} label different datasets; only runs over the same dataset can be compared`);
  const [stampA, stampB] = await Promise.all([pseudolabelStamp(db, runA.id), pseudolabelStamp(db, runB.id)]);
  for (const [run, stamp] of [[runA, stampA], [runB, stampB]] as const) {
    if (!stamp) throw new Error(`run ${run.id} has no pseudolabels yet: fit its label model (Label model page) before comparing`);
  }
  const stored = await db.runDiff.findUnique({ where: { runAId_runBId: { runAId: runA.id, runBId: runB.id } }, select: { result: true } });
  const hit = stored?.result as RunDiffResult | undefined;
  const current = hit?.version === 1 && hit.stamps.a === stampA!.toISOString() && hit.stamps.b === stampB!.toISOString();
  return { runA, runB, stamps: { a: stampA!, b: stampB! }, result: current ? hit : null };
}

/**
 * Computes the diff of two runs over the same dataset chunk by chunk (only the vote columns of
 * programs whose code differs between the runs are read, one chunk at a time; the attribution is
 * the engine's `attributeLabelChanges`) and stores it with the pseudolabel stamps it was computed
 * from. What the `run-diff` job runs; `onChunk` reports progress, `signal` stops between chunks.
 *
 * @example
 * const diff = await computeRunDiff(prisma, { projectId, runAId, runBId }, { onChunk: (done, total) => report(done / total) });
 * diff.changed; diff.drivers[0]; // 412, { programId, name: "mentions_prize", rows: 300 }
 */
export async function computeRunDiff(
  db: Db,
  input: { projectId: string; runAId: string; runBId: string },
  options: { onChunk?: (done: number, total: number) => Promise<void> | void; signal?: AbortSignal } = {},
): Promise<RunDiffResult> {
  const { runA, runB, stamps } = await runDiffState(db, input);
  const stampA = stamps.a.toISOString();
  const stampB = stamps.b.toISOString();
  const programsA = runPrograms(runA);
  const programsB = runPrograms(runB);
  const versions = await versionNumbers(db, [...programsA, ...programsB]);
  const byIdA = new Map(programsA.map((p) => [p.programId, p]));
  const byIdB = new Map(programsB.map((p) => [p.programId, p]));
  const ids = [...new Set([...programsA, ...programsB].map((p) => p.programId))];
  const names = new Map([...programsA, ...programsB].map((p) => [p.programId, p.name]));
  const entry = (id: string): RunDiffProgram => ({
    programId: id, name: names.get(id)!, versionA: byIdA.has(id) ? (versions.get(byIdA.get(id)!.programVersionId) ?? null) : null,
    versionB: byIdB.has(id) ? (versions.get(byIdB.get(id)!.programVersionId) ?? null) : null,
  });
  const added = ids.filter((id) => !byIdA.has(id)).map(entry);
  const removed = ids.filter((id) => !byIdB.has(id)).map(entry);
  const both = ids.filter((id) => byIdA.has(id) && byIdB.has(id));
  const changed = both.filter((id) => byIdA.get(id)!.codeHash !== byIdB.get(id)!.codeHash).map(entry);
  const unchanged = both.filter((id) => byIdA.get(id)!.codeHash === byIdB.get(id)!.codeHash).map(entry);
  // Identical code gives identical votes, so only added, removed and changed programs can drive a change.
  const moving = [...added, ...removed, ...changed].map((p) => ({ programId: p.programId, hashA: byIdA.get(p.programId)?.codeHash ?? null, hashB: byIdB.get(p.programId)?.codeHash ?? null }));
  const hashes = [...new Set(moving.flatMap((p) => [p.hashA, p.hashB]).filter((h): h is string => h !== null))];

  const dataset = runA.dataset;
  const chunks = Math.ceil(dataset.rowCount / dataset.chunkSize);
  let counts = emptyLabelChangeCounts();
  for (let from = 0, chunkIndex = 0; from < dataset.rowCount; from += dataset.chunkSize, chunkIndex++) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error("aborted");
    const to = Math.min(dataset.rowCount, from + dataset.chunkSize);
    const [labelsA, labelsB, outputs] = await Promise.all([
      readPseudolabels(db, runA.id, { fromIndex: from, toIndex: to }),
      readPseudolabels(db, runB.id, { fromIndex: from, toIndex: to }),
      hashes.length === 0 ? Promise.resolve([]) : db.programOutput.findMany({ where: { datasetId: dataset.id, chunkIndex, codeHash: { in: hashes } }, select: { codeHash: true, votes: true } }),
    ]);
    const votesOf = new Map(outputs.map((o) => [o.codeHash, bytesToVotes(o.votes)]));
    const column = (hash: string | null) => {
      if (hash === null) return null;
      const votes = votesOf.get(hash);
      if (!votes) throw new Error(`program ${hash.slice(0, 12)} has no votes for chunk ${chunkIndex} of dataset ${dataset.id}`);
      return votes;
    };
    const programs: ProgramVotePair[] = moving.map((p) => ({ key: p.programId, votesA: column(p.hashA), votesB: column(p.hashB) }));
    counts = mergeLabelChangeCounts(counts, attributeLabelChanges({ labelsA: labelsA.predicted, labelsB: labelsB.predicted, programs, offset: from }));
    await options.onChunk?.(chunkIndex + 1, chunks);
  }
  const result: RunDiffResult = {
    version: 1,
    runA: { id: runA.id, createdAt: runA.createdAt.toISOString(), labelModel: runA.labelModel },
    runB: { id: runB.id, createdAt: runB.createdAt.toISOString(), labelModel: runB.labelModel },
    programs: { added, removed, changed, unchanged },
    labelModelChanged: runA.labelModel !== runB.labelModel,
    rows: counts.rows, changed: counts.changed,
    drivers: Object.entries(counts.byProgram).map(([programId, rows]) => ({ programId, name: names.get(programId)!, rows })).sort((x, y) => y.rows - x.rows || x.name.localeCompare(y.name)),
    labelModelOnly: counts.labelModelOnly,
    transitions: Object.entries(counts.transitions).map(([key, rows]) => {
      const [a, b] = key.split(">").map(Number);
      return { from: a!, to: b!, rows };
    }).sort((x, y) => y.rows - x.rows),
    samples: counts.samples,
    // A refit while this ran makes these stamps old: the result is then never served as current.
    stamps: { a: stampA, b: stampB },
  };
  const json = JSON.parse(JSON.stringify(result)) as object;
  await db.runDiff.upsert({ where: { runAId_runBId: { runAId: runA.id, runBId: runB.id } }, create: { runAId: runA.id, runBId: runB.id, result: json }, update: { result: json, createdAt: new Date() } });
  return result;
}
