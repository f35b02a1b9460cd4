import { cohenKappa, conflictReviewOrder, fleissKappa, percentAgreement, seededPermutation } from "@alchemist/engine";
import { adjudicate, assembleLabelMatrix, listAssignments, runPrograms, saveReviewOrder } from "@alchemist/db";
import { createTestDatabase, seedDemo, type TestDatabase } from "@alchemist/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReviewBatch, listDisagreements, readBatchAgreement, submitBatchLabel } from "./team-review";

// Team review on a real database: the repositories read and write, the engine decides.
let db: TestDatabase;
let demo: { projectId: string; datasetId: string; runId: string };
const users: Record<"owner" | "r1" | "r2" | "r3" | "viewer", string> = { owner: "", r1: "", r2: "", r3: "", viewer: "" };

/** What the worker's review-order job stores for the conflict order (without the worker thread). */
async function storeConflictOrder() {
  const run = await db.prisma.run.findUniqueOrThrow({ where: { id: demo.runId } });
  const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: demo.datasetId } });
  const { L } = await assembleLabelMatrix(
    db.prisma,
    dataset,
    runPrograms(run).map((p) => p.codeHash),
  );
  await saveReviewOrder(db.prisma, { runId: demo.runId, kind: "conflict", order: conflictReviewOrder(L), pseudolabelsAt: null });
}

beforeAll(async () => {
  db = await createTestDatabase();
  demo = await seedDemo(db.prisma);
  for (const key of Object.keys(users) as (keyof typeof users)[]) {
    const user = await db.prisma.user.create({ data: { email: `${key}@example.test`, name: key } });
    users[key] = user.id;
    const role = key === "owner" ? "OWNER" : key === "viewer" ? "VIEWER" : "REVIEWER";
    await db.prisma.membership.create({ data: { userId: user.id, projectId: demo.projectId, role } });
  }
  // Pseudolabels for the open batch's view: 2 chunks of 100 rows, binary.
  for (const chunkIndex of [0, 1]) {
    const probs = new Float32Array(200);
    for (let r = 0; r < 100; r++) [probs[2 * r], probs[2 * r + 1]] = [0.3, 0.7];
    await db.prisma.pseudolabel.create({
      data: { runId: demo.runId, chunkIndex, chunkRows: 100, k: 2, probs: new Uint8Array(probs.buffer), entropy: new Uint8Array(400), maxEntropy: 0 },
    });
  }
});
afterAll(() => db?.drop());

const mine = (batchId: string, userId: string, todo = false) =>
  listAssignments(db.prisma, { projectId: demo.projectId, batchId, userId, page: 0, pageSize: 20, todo });

describe("team review", () => {
  it("creates a batch with overlap exactly N per row, seeded, from members who may review", async () => {
    const input = {
      projectId: demo.projectId,
      name: "round 1",
      size: 12,
      overlap: 2,
      blind: true,
      strategy: "random" as const,
      seed: 7,
      reviewerIds: [users.r1, users.r2, users.r3],
      createdBy: users.owner,
    };
    const batch = await createReviewBatch(db.prisma, input);
    expect(batch.rows).toBe(12);
    const assignments = await db.prisma.reviewAssignment.findMany({ where: { batchId: batch.id }, include: { row: { select: { index: true } } } });
    expect(assignments).toHaveLength(24);
    const perRow = new Map<string, Set<string>>();
    for (const a of assignments) perRow.set(a.rowId, (perRow.get(a.rowId) ?? new Set()).add(a.userId));
    expect(perRow.size).toBe(12);
    for (const reviewers of perRow.values()) expect(reviewers.size).toBe(2);
    // The seeded permutation's first 12 rows (none has review gold yet).
    expect(new Set(assignments.map((a) => a.row.index))).toEqual(new Set(seededPermutation(200, 7).slice(0, 12)));
    expect(await db.prisma.auditEvent.count({ where: { action: "review_batch.create", targetId: batch.id } })).toBe(1);
    const twin = await createReviewBatch(db.prisma, { ...input, name: "same seed" });
    const twinRows = new Set((await db.prisma.reviewAssignment.findMany({ where: { batchId: twin.id } })).map((a) => a.rowId));
    expect(twinRows).toEqual(new Set(perRow.keys()));
    await expect(createReviewBatch(db.prisma, { ...input, overlap: 4 })).rejects.toThrow(/overlap must be 1..3 \(the number of reviewers picked\), got 4/);
    await expect(createReviewBatch(db.prisma, { ...input, reviewerIds: [users.r1, users.viewer] })).rejects.toMatchObject({
      name: "DomainError",
      code: "INVALID",
      message: expect.stringMatching(/1 picked reviewer\(s\) are not members of this project who may review/),
    });
    // Picking by conflict needs the stored order: none yet means its job has not finished.
    await expect(createReviewBatch(db.prisma, { ...input, strategy: "conflict" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/conflict order of this run's rows is still being computed/),
    });
    await storeConflictOrder();
    await db.prisma.reviewBatch.delete({ where: { id: twin.id } });
  });

  it("blind mode hides other reviewers' labels, votes and pseudolabel; open mode shows them", async () => {
    const blind = await createReviewBatch(db.prisma, {
      projectId: demo.projectId,
      name: "blind",
      size: 4,
      overlap: 2,
      blind: true,
      strategy: "conflict",
      reviewerIds: [users.r1, users.r2],
      createdBy: users.owner,
    });
    const first = (await mine(blind.id, users.r1)).items[0]!;
    expect((await mine(blind.id, users.r1)).total).toBe(4);
    await submitBatchLabel(db.prisma, { projectId: demo.projectId, batchId: blind.id, rowId: first.row.id, userId: users.r1, label: 0 });
    const seenByR2 = (await mine(blind.id, users.r2)).items.find((i) => i.row.id === first.row.id)!;
    expect(seenByR2.others).toEqual([]);
    expect(seenByR2.row.votes).toEqual([]);
    expect(seenByR2.row.pseudolabel).toBeNull();

    const open = await createReviewBatch(db.prisma, {
      projectId: demo.projectId,
      name: "open",
      size: 4,
      overlap: 2,
      blind: false,
      strategy: "conflict",
      reviewerIds: [users.r1, users.r2],
      createdBy: users.owner,
    });
    const item = (await mine(open.id, users.r1)).items[0]!;
    await submitBatchLabel(db.prisma, { projectId: demo.projectId, batchId: open.id, rowId: item.row.id, userId: users.r1, label: 1 });
    const openPage = await mine(open.id, users.r2, true);
    expect(openPage).toMatchObject({ total: 4, done: 0, all: 4 });
    const openForR2 = openPage.items.find((i) => i.row.id === item.row.id)!;
    expect(openForR2.others).toEqual([{ userId: users.r1, label: 1, comment: null }]);
    expect(openForR2.row.votes).toHaveLength(4);
    expect(openForR2.row.pseudolabel?.confidence).toBeCloseTo(0.7, 5);
    const r1Todo = await mine(blind.id, users.r1, true);
    expect(r1Todo).toMatchObject({ total: 3, done: 1, all: 4 });
    expect(r1Todo.items.map((i) => i.row.id)).not.toContain(first.row.id);
    await expect(
      submitBatchLabel(db.prisma, { projectId: demo.projectId, batchId: open.id, rowId: item.row.id, userId: users.r3, label: 1 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/is not assigned to you/) });
  });

  it("consensus becomes gold, disagreement waits for adjudication, which writes gold; stats match the engine", async () => {
    const batch = await createReviewBatch(db.prisma, {
      projectId: demo.projectId,
      name: "stats",
      size: 8,
      overlap: 3,
      blind: true,
      strategy: "random",
      seed: 11,
      reviewerIds: [users.r1, users.r2, users.r3],
      createdBy: users.owner,
    });
    const rowIds = [...new Set((await db.prisma.reviewAssignment.findMany({ where: { batchId: batch.id }, orderBy: { rowId: "asc" } })).map((a) => a.rowId))];
    // Rows without gold, so consensus may write it (existing gold is never overwritten: next test).
    await db.prisma.row.updateMany({ where: { id: { in: rowIds.slice(0, 7) } }, data: { gold: null } });
    // Labels per reviewer over the 8 rows (rowId order); r3 leaves the last row unlabeled.
    const plan: Record<"r1" | "r2" | "r3", number[]> = { r1: [0, 0, 1, 1, 0, 1, 0, 1], r2: [0, 1, 1, 1, 0, 0, 0, 1], r3: [0, 0, 1, 0, 0, 1, 1, -1] };
    const results: { consensus: number | null; complete: boolean }[] = [];
    for (const who of ["r1", "r2", "r3"] as const) {
      for (let i = 0; i < rowIds.length; i++) {
        if (plan[who][i]! < 0) continue;
        results.push(
          await submitBatchLabel(db.prisma, { projectId: demo.projectId, batchId: batch.id, rowId: rowIds[i]!, userId: users[who], label: plan[who][i]! }),
        );
      }
    }
    // r3's answers complete rows 0..6; rows 0, 2 and 4 are unanimous.
    expect(results.slice(-7).map((r) => r.consensus)).toEqual([0, null, 1, null, 0, null, null]);
    expect(results.slice(0, 16).every((r) => !r.complete && r.consensus === null)).toBe(true);
    const rows = await db.prisma.row.findMany({ where: { id: { in: rowIds } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(rowIds[0]!)).toMatchObject({ gold: 0, goldSource: "REVIEW" });
    expect(byId.get(rowIds[2]!)).toMatchObject({ gold: 1, goldSource: "REVIEW" });
    expect(byId.get(rowIds[7]!)!.goldSource).toBe("GOLD_IMPORT");

    const disagreements = await listDisagreements(db.prisma, demo.projectId, batch.id);
    expect(disagreements.rows.map((d) => [d.row.id, d.kind]).sort()).toEqual([1, 3, 5, 6].map((i) => [rowIds[i]!, "disagreement"]).sort());
    expect(disagreements.rows.map((d) => d.row.index)).toEqual([...disagreements.rows.map((d) => d.row.index)].sort((a, b) => a - b));
    expect(
      disagreements.rows
        .find((d) => d.row.id === rowIds[1])!
        .labels.map((l) => l.label)
        .sort(),
    ).toEqual([0, 0, 1]);
    await adjudicate(db.prisma, { projectId: demo.projectId, batchId: batch.id, rowId: rowIds[1]!, label: 1, by: users.owner });
    expect(await db.prisma.row.findUniqueOrThrow({ where: { id: rowIds[1]! } })).toMatchObject({ gold: 1, goldSource: "REVIEW" });
    expect(await db.prisma.auditEvent.count({ where: { action: "label.gold", targetId: rowIds[1]!, actorId: users.owner } })).toBe(1);
    expect((await listDisagreements(db.prisma, demo.projectId, batch.id)).rows.map((d) => d.row.id)).not.toContain(rowIds[1]!);
    await expect(adjudicate(db.prisma, { projectId: demo.projectId, batchId: batch.id, rowId: rowIds[1]!, label: 5, by: users.owner })).rejects.toThrow(
      /label 5 is outside/,
    );

    const stats = await readBatchAgreement(db.prisma, demo.projectId, batch.id);
    expect(stats.batch.id).toBe(batch.id);
    expect(stats.rows).toBe(8);
    expect(stats.annotations).toBe(23);
    const pair = (a: string, b: string) => stats.pairs.find((p) => (p.a.id === a && p.b.id === b) || (p.a.id === b && p.b.id === a))!;
    for (const [x, y] of [
      ["r1", "r2"],
      ["r1", "r3"],
      ["r2", "r3"],
    ] as const) {
      const [a, b] = users[x] < users[y] ? [plan[x], plan[y]] : [plan[y], plan[x]];
      expect(pair(users[x], users[y]).agreement).toBeCloseTo(percentAgreement(a, b).agreement!, 12);
      expect(pair(users[x], users[y]).kappa).toBeCloseTo(cohenKappa(a, b, 2).kappa!, 12);
    }
    expect(pair(users.r1, users.r2).agreement).toBeCloseTo(6 / 8, 12);
    expect(pair(users.r1, users.r3).items).toBe(7);
    const counts = rowIds.flatMap((_, i) => [0, 1].map((c) => (["r1", "r2", "r3"] as const).filter((w) => plan[w][i] === c).length));
    expect(stats.fleiss!.kappa).toBeCloseTo(fleissKappa(counts, 8, 2).kappa!, 12);
    expect(stats.programs).toHaveLength(3);
    expect(stats.programs[0]!.byProgram.map((p) => p.name)).toEqual(["call_to_action", "casual_chat", "mentions_prize", "money_offer"]);
  });
  it("consensus never overwrites existing gold: it is flagged, audited, and only an explicit correction changes it", async () => {
    const batch = await createReviewBatch(db.prisma, {
      projectId: demo.projectId,
      name: "gold guard",
      size: 3,
      overlap: 2,
      blind: false,
      strategy: "random",
      seed: 99,
      reviewerIds: [users.r1, users.r2],
      createdBy: users.owner,
    });
    const rowIds = [...new Set((await db.prisma.reviewAssignment.findMany({ where: { batchId: batch.id }, orderBy: { rowId: "asc" } })).map((a) => a.rowId))];
    // Row 0: imported gold 0, reviewers agree on 1. Row 1: imported gold 1, reviewers agree on 1. Row 2: no gold, agree on 0.
    await db.prisma.row.update({ where: { id: rowIds[0]! }, data: { gold: 0, goldSource: "GOLD_IMPORT" } });
    await db.prisma.row.update({ where: { id: rowIds[1]! }, data: { gold: 1, goldSource: "GOLD_IMPORT" } });
    await db.prisma.row.update({ where: { id: rowIds[2]! }, data: { gold: null } });
    const labels = [1, 1, 0];
    const results = [];
    for (const who of ["r1", "r2"] as const)
      for (let i = 0; i < 3; i++)
        results.push(
          await submitBatchLabel(db.prisma, { projectId: demo.projectId, batchId: batch.id, rowId: rowIds[i]!, userId: users[who], label: labels[i]! }),
        );
    expect(results.slice(3).map((r) => [r.consensus, r.goldConflict])).toEqual([
      [null, { gold: 0, goldSource: "GOLD_IMPORT", consensus: 1 }],
      [1, null],
      [0, null],
    ]);
    expect(await db.prisma.row.findUniqueOrThrow({ where: { id: rowIds[0]! } })).toMatchObject({ gold: 0, goldSource: "GOLD_IMPORT" });
    expect(await db.prisma.row.findUniqueOrThrow({ where: { id: rowIds[2]! } })).toMatchObject({ gold: 0, goldSource: "REVIEW" });
    expect(await db.prisma.auditEvent.count({ where: { action: "label.gold-conflict", targetId: rowIds[0]! } })).toBe(1);

    const waiting = await listDisagreements(db.prisma, demo.projectId, batch.id);
    expect(waiting.rows.map((r) => [r.row.id, r.kind])).toEqual([[rowIds[0]!, "gold-conflict"]]);
    await expect(adjudicate(db.prisma, { projectId: demo.projectId, batchId: batch.id, rowId: rowIds[0]!, label: 1, by: users.owner })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already has gold "ham" \(imported with the data\): changing existing gold is a correction/),
    });
    expect(await db.prisma.row.findUniqueOrThrow({ where: { id: rowIds[0]! } })).toMatchObject({ gold: 0, goldSource: "GOLD_IMPORT" });
    expect(await db.prisma.adjudication.count({ where: { rowId: rowIds[0]! } })).toBe(0);
    await adjudicate(db.prisma, {
      projectId: demo.projectId,
      batchId: batch.id,
      rowId: rowIds[0]!,
      label: 1,
      by: users.owner,
      correction: { reason: "the import mislabelled it" },
    });
    expect(await db.prisma.row.findUniqueOrThrow({ where: { id: rowIds[0]! } })).toMatchObject({ gold: 1, goldSource: "REVIEW" });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "label.correct", targetId: rowIds[0]! } });
    expect(audit).toMatchObject({
      actorId: users.owner,
      details: { label: 1, previous: 0, previousSource: "GOLD_IMPORT", via: "adjudication", reason: "the import mislabelled it" },
    });
    expect((await listDisagreements(db.prisma, demo.projectId, batch.id)).rows).toEqual([]);
  });
});
