import "server-only";
import { assignReviewers, batchAgreement, consensusLabel, findDisagreements, roleAllows, seededPermutation } from "@alchemist/engine";
import {
  DomainError,
  getReviewRun,
  insertReviewBatch,
  memberRoles,
  memoryOrder,
  pickFromOrder,
  readBatchAgreementInputs,
  readBatchLabels,
  readRowsById,
  reviewOrderState,
  storedOrder,
  submitBatchLabel as saveBatchLabel,
  type BatchStrategy,
  type Db,
  type OrderSource,
  type Split,
} from "@alchemist/db";

/**
 * Team review: the repositories read and write batches, the engine decides (assignment,
 * consensus, disagreements, agreement). Each function takes the Prisma client so tests run it on
 * a test database; the team service passes `getPrisma()`.
 */

export interface CreateReviewBatchInput {
  readonly projectId: string;
  readonly name: string;
  readonly size: number;
  readonly overlap: number;
  readonly blind: boolean;
  readonly strategy: BatchStrategy;
  readonly seed?: number | undefined;
  readonly split?: Split | undefined;
  readonly reviewerIds: readonly string[];
  readonly createdBy: string;
}

/**
 * Creates a review batch: picks `size` rows still needing review (by the run's stored conflict or
 * uncertainty order, or a seeded random permutation) from the newest dataset and assigns each to
 * exactly `overlap` of the reviewers (members who may review). Name and size are validated at
 * the edge (`CreateBatchInput`).
 *
 * @example
 * const batch = await createReviewBatch(prisma, { projectId, name: "round 1", size: 50, overlap: 2, blind: true, strategy: "random", seed: 7, reviewerIds: [a, b, c], createdBy: a });
 */
export async function createReviewBatch(db: Db, input: CreateReviewBatchInput) {
  const reviewers = [...input.reviewerIds];
  const members = await memberRoles(db, input.projectId, reviewers);
  const allowed = new Set(members.filter((m) => roleAllows(m.role, "review")).map((m) => m.userId));
  const outsiders = new Set(reviewers.filter((r) => !allowed.has(r))).size;
  if (outsiders)
    throw new DomainError(
      "INVALID",
      `${outsiders} picked reviewer(s) are not members of this project who may review (owner, editor or reviewer): pick others, or invite them first`,
    );
  const target = await getReviewRun(db, input.projectId);
  if (!target) throw new DomainError("INVALID", "import a dataset before creating a review batch");
  const { dataset, run } = target;
  let order: OrderSource;
  let seed: number | null = null;
  if (input.strategy === "random") {
    seed = input.seed ?? 0;
    order = memoryOrder(seededPermutation(dataset.rowCount, seed));
  } else {
    if (!run) throw new DomainError("INVALID", `ordering by ${input.strategy} needs a finished run: apply the programs first, or pick random`);
    // A stale order (pseudolabels refitted since) still ranks rows sensibly; a missing one is computed by a job.
    const state = await reviewOrderState(db, run.id, input.strategy);
    if (!state.stored)
      throw new DomainError(
        "CONFLICT",
        `the ${state.kind} order of this run's rows is still being computed; create the batch when that job has finished, or pick random`,
      );
    order = storedOrder(db, state.stored);
  }
  const { picked } = await pickFromOrder(db, order, { datasetId: dataset.id, split: input.split }, 0, input.size, Math.max(20_000, input.size * 20));
  if (picked.length === 0)
    throw new DomainError("INVALID", "no rows left to review with these settings: pick another split, or include rows that already have gold");
  const assignments = assignReviewers(picked.length, reviewers, input.overlap);
  return insertReviewBatch(db, {
    projectId: input.projectId,
    datasetId: dataset.id,
    runId: run?.id ?? null,
    name: input.name,
    overlap: input.overlap,
    blind: input.blind,
    strategy: input.strategy,
    seed,
    createdBy: input.createdBy,
    rows: picked,
    assignments,
  });
}

/**
 * Records a reviewer's label in a batch; when every reviewer of the row agrees (the engine's
 * `consensusLabel`) the label becomes the row's gold in the same transaction, unless the row
 * already has a different gold (`goldConflict`: flagged for adjudication, nothing overwritten).
 *
 * @example
 * const { consensus } = await submitBatchLabel(prisma, { projectId, batchId, rowId, userId, label: 1 });
 */
export async function submitBatchLabel(
  db: Db,
  input: { projectId: string; batchId: string; rowId: string; userId: string; label: number; comment?: string | null },
) {
  return saveBatchLabel(db, input, consensusLabel);
}

/**
 * Rows of a batch waiting for an editor, in row order, with every reviewer's label:
 * `disagreement` (reviewers gave different labels) and `gold-conflict` (every reviewer labelled
 * it and they agree, but the row already had a different gold, which consensus never overwrites).
 * Adjudicated rows are left out.
 *
 * @example
 * const rows = await listDisagreements(prisma, projectId, batchId);
 */
export async function listDisagreements(db: Db, projectId: string, batchId: string) {
  const { batch, annotations, adjudications, pending } = await readBatchLabels(db, projectId, batchId);
  const decided = new Set(adjudications.map((a) => a.rowId));
  const conflicted = findDisagreements(annotations, decided);
  const disputed = new Set(conflicted.map((c) => c.rowId));
  const byRow = new Map<string, typeof annotations>();
  for (const a of annotations)
    if (!decided.has(a.rowId) && !disputed.has(a.rowId) && !pending.has(a.rowId)) byRow.set(a.rowId, [...(byRow.get(a.rowId) ?? []), a]);
  const rowById = new Map((await readRowsById(db, [...disputed, ...byRow.keys()])).map((r) => [r.id, r]));
  const goldConflicts = [...byRow].filter(([rowId, labels]) => {
    const gold = rowById.get(rowId)?.gold ?? null;
    return gold !== null && gold !== labels[0]!.label;
  });
  return {
    batch,
    rows: [
      ...conflicted.map((c) => ({
        kind: "disagreement" as const,
        row: rowById.get(c.rowId)!,
        labels: c.labels.map(({ userId, label, comment }) => ({ userId, label, comment })),
      })),
      ...goldConflicts.map(([rowId, labels]) => ({
        kind: "gold-conflict" as const,
        row: rowById.get(rowId)!,
        labels: labels.map(({ userId, label, comment }) => ({ userId, label, comment })),
      })),
    ].sort((a, b) => a.row.index - b.row.index),
  };
}

/**
 * Agreement statistics of a batch (the engine's `batchAgreement` on the batch's labels and, with
 * a run, its programs' votes on the labelled rows).
 *
 * @example
 * const stats = await readBatchAgreement(prisma, projectId, batchId);
 */
export async function readBatchAgreement(db: Db, projectId: string, batchId: string) {
  const { batch, ...inputs } = await readBatchAgreementInputs(db, projectId, batchId);
  return { batch, ...batchAgreement(inputs) };
}
