import { cohenKappa, conflictReviewOrder, entropyReviewOrder, fleissKappa, percentAgreement } from "@alchemist/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../seed-demo";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { countGold, reviewRow } from "./annotations";
import { addComment, listComments } from "./comments";
import { assembleLabelMatrix } from "./program-outputs";
import {
  adjudicate,
  assignReviewers,
  batchAgreement,
  createReviewBatch,
  listAssignments,
  listDisagreements,
  readAssignment,
  readReviewQueue,
  submitBatchLabel,
} from "./review-batches";
import { readReviewOrder, readRunEntropy, reviewOrderState, saveReviewOrder, type ReviewOrderKind } from "./review-orders";
import { runPrograms } from "./runs";

let db: TestDatabase;
let demo: { projectId: string; datasetId: string; runId: string };
const users: Record<"owner" | "r1" | "r2" | "r3" | "viewer", string> = { owner: "", r1: "", r2: "", r3: "", viewer: "" };

beforeAll(async () => {
  db = await createTestDatabase();
  demo = await seedDemo(db.prisma);
  for (const key of Object.keys(users) as (keyof typeof users)[]) {
    const user = await db.prisma.user.create({ data: { email: `${key}@example.test`, name: key } });
    users[key] = user.id;
    const role = key === "owner" ? "OWNER" : key === "viewer" ? "VIEWER" : "REVIEWER";
    await db.prisma.membership.create({ data: { userId: user.id, projectId: demo.projectId, role } });
  }
});
afterAll(() => db?.drop());

/** Hand-computed conflict score of each row: 1 - top class share among non-abstaining votes. */
async function conflictScores() {
  const run = await db.prisma.run.findUniqueOrThrow({ where: { id: demo.runId } });
  const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: demo.datasetId } });
  const { L } = await assembleLabelMatrix(db.prisma, dataset, runPrograms(run).map((p) => p.codeHash));
  return Array.from({ length: L.n }, (_, i) => {
    const votes = Array.from(L.values.slice(i * L.m, (i + 1) * L.m)).filter((v) => v >= 0);
    if (votes.length === 0) return 0;
    const top = Math.max(...[0, 1].map((c) => votes.filter((v) => v === c).length));
    return 1 - top / votes.length;
  });
}

/** What the worker's review-order job does (worker/src/review-order), without the worker thread. */
async function computeOrder(runId: string, wanted: ReviewOrderKind) {
  const state = await reviewOrderState(db.prisma, runId, wanted);
  const dataset = await db.prisma.dataset.findUniqueOrThrow({ where: { id: demo.datasetId } });
  if (state.kind === "conflict") {
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    const { L } = await assembleLabelMatrix(db.prisma, dataset, runPrograms(run).map((p) => p.codeHash));
    return saveReviewOrder(db.prisma, { runId, kind: "conflict", order: conflictReviewOrder(L), pseudolabelsAt: null });
  }
  const { entropy, stamp } = await readRunEntropy(db.prisma, runId, dataset);
  return saveReviewOrder(db.prisma, { runId, kind: "uncertainty", order: entropyReviewOrder(entropy), pseudolabelsAt: stamp });
}

describe("review order and solo review", () => {
  it("reads nothing computed in the request: 'computing' until the order is stored, then the rows by program conflict", async () => {
    const waiting = await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "conflict", cursor: 0, limit: 5 });
    expect(waiting).toMatchObject({ status: "computing", rows: [], kind: "conflict", due: { kind: "conflict", stamp: null } });
    // Without pseudolabels an uncertainty queue falls back to the conflict order.
    expect(await reviewOrderState(db.prisma, demo.runId, "uncertainty")).toMatchObject({ kind: "conflict", fallback: true, stored: null, fresh: false });
    const scores = await conflictScores();
    const saved = await computeOrder(demo.runId, "conflict");
    const indices = await readReviewOrder(db.prisma, saved.id);
    expect(indices.length).toBe(200);
    const state = await reviewOrderState(db.prisma, demo.runId, "conflict");
    expect(state).toMatchObject({ kind: "conflict", fresh: true, stored: { length: 200, scored: scores.filter((x) => x > 0).length } });
    expect(state.stored!.scored).toBeGreaterThan(0);
    const ordered = Array.from(indices, (i) => scores[i]!);
    for (let i = 1; i < ordered.length; i++) expect(ordered[i]!).toBeLessThanOrEqual(ordered[i - 1]!);
    expect(await db.prisma.reviewOrder.count({ where: { runId: demo.runId } })).toBe(1);
    const page = await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "uncertainty", cursor: 0, limit: 5 });
    expect(page).toMatchObject({ status: "ok", kind: "conflict", fallback: true, stale: false, due: null });
    expect(page.rows.map((r) => r.index)).toEqual(Array.from(indices.slice(0, 5)));
  });

  it("orders by pseudolabel entropy once the run has pseudolabels; a refit makes the stored order stale until the job recomputes it", async () => {
    // 2 chunks of 100 rows, binary: row i has p(spam) = i / 199, so rows near 100 are most uncertain.
    for (const chunkIndex of [0, 1]) {
      const probs = new Float32Array(200);
      const entropy = new Float32Array(100);
      for (let r = 0; r < 100; r++) {
        const p = (chunkIndex * 100 + r) / 199;
        probs[2 * r] = 1 - p;
        probs[2 * r + 1] = p;
        entropy[r] = p <= 0 || p >= 1 ? 0 : -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
      }
      await db.prisma.pseudolabel.create({
        data: { runId: demo.runId, chunkIndex, chunkRows: 100, k: 2, probs: new Uint8Array(probs.buffer), entropy: new Uint8Array(entropy.buffer), maxEntropy: Math.max(...entropy) },
      });
    }
    expect(await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "uncertainty", cursor: 0, limit: 3 })).toMatchObject({ status: "computing", kind: "uncertainty", due: { kind: "uncertainty" } });
    await computeOrder(demo.runId, "uncertainty");
    const state = await reviewOrderState(db.prisma, demo.runId, "uncertainty");
    expect(state).toMatchObject({ kind: "uncertainty", fallback: false, fresh: true, stored: { scored: 198 } });
    const indices = await readReviewOrder(db.prisma, state.stored!.id);
    expect([...indices.slice(0, 2)].sort((a, b) => a - b)).toEqual([99, 100]);
    expect([...indices.slice(-2)].sort((a, b) => a - b)).toEqual([0, 199]);
    const page = await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "uncertainty", cursor: 0, limit: 3 });
    expect(page).toMatchObject({ status: "ok", stale: false, due: null });
    expect(page.rows[0]!.pseudolabel!.confidence).toBeCloseTo(100 / 199, 5);
    expect(page.rows[0]!.votes.map((v) => v.name)).toEqual(["call_to_action", "casual_chat", "mentions_prize", "money_offer"]);

    // A refit replaces the pseudolabels: the stored order is served as stale and a job is due.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const chunk0 = await db.prisma.pseudolabel.findFirstOrThrow({ where: { runId: demo.runId, chunkIndex: 0 } });
    const sharp = new Float32Array(100);
    sharp[3] = 5;
    await db.prisma.pseudolabel.update({ where: { id: chunk0.id }, data: { entropy: new Uint8Array(sharp.buffer), maxEntropy: 5, createdAt: new Date() } });
    const stale = await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "uncertainty", cursor: 0, limit: 3 });
    expect(stale).toMatchObject({ status: "ok", stale: true, due: { kind: "uncertainty", stamp: expect.any(Date) } });
    expect(stale.rows.map((r) => r.index)).toEqual(page.rows.map((r) => r.index));
    await computeOrder(demo.runId, "uncertainty");
    const refit = await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "uncertainty", cursor: 0, limit: 3 });
    expect(refit).toMatchObject({ status: "ok", stale: false, due: null });
    expect(refit.rows[0]!.index).toBe(3);
  });

  it("accepting a row writes REVIEW gold, audits it and drops the row from the queue", async () => {
    const before = await countGold(db.prisma, demo.datasetId);
    const page = await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "conflict", cursor: 0, limit: 5 });
    expect(page.rows).toHaveLength(5);
    const first = page.rows[0]!;
    await reviewRow(db.prisma, { projectId: demo.projectId, rowId: first.id, userId: users.r1, label: 1, comment: "prize scam" });
    const row = await db.prisma.row.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ gold: 1, goldSource: "REVIEW" });
    const after = await countGold(db.prisma, demo.datasetId);
    expect(after.reviewed).toBe(before.reviewed + 1);
    expect(await db.prisma.auditEvent.count({ where: { action: "label.gold", targetId: first.id, actorId: users.r1 } })).toBe(1);
    const again = await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "conflict", cursor: 0, limit: 5 });
    expect(again.rows.map((r) => r.id)).not.toContain(first.id);
    expect(again.rows[0]!.id).toBe(page.rows[1]!.id);
    const dev = await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "conflict", split: "DEV", cursor: 0, limit: 50 });
    expect(dev.rows.every((r) => r.split === "DEV")).toBe(true);
    await expect(reviewRow(db.prisma, { projectId: demo.projectId, rowId: first.id, userId: users.r1, label: 2 })).rejects.toThrow(/label 2 is outside the task's classes 0..1/);
  });
});

describe("team review", () => {
  it("assigns exactly N distinct reviewers per row with balanced loads", () => {
    const assignments = assignReviewers(10, ["a", "b", "c"], 2);
    for (let row = 0; row < 10; row++) {
      const who = assignments.filter((a) => a.row === row).map((a) => a.userId);
      expect(new Set(who).size).toBe(2);
    }
    const loads = ["a", "b", "c"].map((u) => assignments.filter((a) => a.userId === u).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(() => assignReviewers(3, ["a"], 2)).toThrow(/overlap must be 1..1/);
  });

  it("creates a batch with overlap exactly N per row, seeded and validated", async () => {
    const input = { projectId: demo.projectId, name: "round 1", size: 12, overlap: 2, blind: true, strategy: "random" as const, seed: 7, reviewerIds: [users.r1, users.r2, users.r3], createdBy: users.owner };
    const batch = await createReviewBatch(db.prisma, input);
    expect(batch.rows).toBe(12);
    const assignments = await db.prisma.reviewAssignment.findMany({ where: { batchId: batch.id } });
    expect(assignments).toHaveLength(24);
    const perRow = new Map<string, Set<string>>();
    for (const a of assignments) perRow.set(a.rowId, (perRow.get(a.rowId) ?? new Set()).add(a.userId));
    expect(perRow.size).toBe(12);
    for (const reviewers of perRow.values()) expect(reviewers.size).toBe(2);
    const twin = await createReviewBatch(db.prisma, { ...input, name: "same seed" });
    const twinRows = new Set((await db.prisma.reviewAssignment.findMany({ where: { batchId: twin.id } })).map((a) => a.rowId));
    expect(twinRows).toEqual(new Set(perRow.keys()));
    await expect(createReviewBatch(db.prisma, { ...input, overlap: 4 })).rejects.toThrow(/overlap must be 1..3 \(the number of reviewers picked\), got 4/);
    await expect(createReviewBatch(db.prisma, { ...input, reviewerIds: [users.r1, users.viewer] })).rejects.toThrow(/1 picked reviewer\(s\) are not members of this project who may review/);
    await expect(createReviewBatch(db.prisma, { ...input, size: 0 })).rejects.toThrow(/batch size must be 1..5000 rows, got 0/);
    // Picking by conflict needs the stored order: none yet means its job has not finished.
    const stored = await db.prisma.reviewOrder.findUniqueOrThrow({ where: { runId_kind: { runId: demo.runId, kind: "conflict" } } });
    await db.prisma.reviewOrder.delete({ where: { id: stored.id } });
    await expect(createReviewBatch(db.prisma, { ...input, strategy: "conflict" })).rejects.toThrow(/conflict order of this run's rows is still being computed/);
    await computeOrder(demo.runId, "conflict");
    await db.prisma.reviewBatch.delete({ where: { id: twin.id } });
  });

  it("blind mode hides other reviewers' labels, votes and pseudolabel; open mode shows them", async () => {
    const blind = await createReviewBatch(db.prisma, { projectId: demo.projectId, name: "blind", size: 4, overlap: 2, blind: true, strategy: "conflict", reviewerIds: [users.r1, users.r2], createdBy: users.owner });
    const first = await readAssignment(db.prisma, { projectId: demo.projectId, batchId: blind.id, userId: users.r1 });
    expect(first.total).toBe(4);
    await submitBatchLabel(db.prisma, { projectId: demo.projectId, batchId: blind.id, rowId: first.item!.row.id, userId: users.r1, label: 0 });
    const seenByR2 = await readAssignment(db.prisma, { projectId: demo.projectId, batchId: blind.id, userId: users.r2, rowId: first.item!.row.id });
    expect(seenByR2.item!.others).toEqual([]);
    expect(seenByR2.item!.row.votes).toEqual([]);
    expect(seenByR2.item!.row.pseudolabel).toBeNull();

    const open = await createReviewBatch(db.prisma, { projectId: demo.projectId, name: "open", size: 4, overlap: 2, blind: false, strategy: "conflict", reviewerIds: [users.r1, users.r2], createdBy: users.owner });
    const item = (await readAssignment(db.prisma, { projectId: demo.projectId, batchId: open.id, userId: users.r1 })).item!;
    await submitBatchLabel(db.prisma, { projectId: demo.projectId, batchId: open.id, rowId: item.row.id, userId: users.r1, label: 1 });
    const openForR2 = (await readAssignment(db.prisma, { projectId: demo.projectId, batchId: open.id, userId: users.r2, rowId: item.row.id })).item!;
    expect(openForR2.others).toEqual([{ userId: users.r1, label: 1, comment: null }]);
    expect(openForR2.row.votes).toHaveLength(4);
    expect(openForR2.row.pseudolabel).not.toBeNull();
    await expect(readAssignment(db.prisma, { projectId: demo.projectId, batchId: open.id, userId: users.r3, rowId: item.row.id })).rejects.toThrow(/is not assigned to you/);
    // The page listing ("my queue") applies the same rules, and `todo` drops labelled rows.
    const openPage = await listAssignments(db.prisma, { projectId: demo.projectId, batchId: open.id, userId: users.r2, page: 0, pageSize: 20, todo: true });
    expect(openPage).toMatchObject({ total: 4, done: 0, all: 4 });
    expect(openPage.items.find((i) => i.row.id === item.row.id)!.others).toEqual([{ userId: users.r1, label: 1, comment: null }]);
    const blindPage = await listAssignments(db.prisma, { projectId: demo.projectId, batchId: blind.id, userId: users.r2, page: 0, pageSize: 20, todo: true });
    expect(blindPage.items.every((i) => i.others.length === 0 && i.row.votes.length === 0 && i.row.pseudolabel === null)).toBe(true);
    const r1Todo = await listAssignments(db.prisma, { projectId: demo.projectId, batchId: blind.id, userId: users.r1, page: 0, pageSize: 20, todo: true });
    expect(r1Todo).toMatchObject({ total: 3, done: 1, all: 4 });
    expect(r1Todo.items.map((i) => i.row.id)).not.toContain(first.item!.row.id);
    await expect(submitBatchLabel(db.prisma, { projectId: demo.projectId, batchId: open.id, rowId: item.row.id, userId: users.r3, label: 1 })).rejects.toThrow(/is not assigned to you/);
  });

  it("consensus becomes gold, disagreement waits for adjudication, which writes gold; stats match the engine", async () => {
    const batch = await createReviewBatch(db.prisma, { projectId: demo.projectId, name: "stats", size: 8, overlap: 3, blind: true, strategy: "random", seed: 11, reviewerIds: [users.r1, users.r2, users.r3], createdBy: users.owner });
    const rowIds = [...new Set((await db.prisma.reviewAssignment.findMany({ where: { batchId: batch.id }, orderBy: { rowId: "asc" } })).map((a) => a.rowId))];
    // Labels per reviewer over the 8 rows (rowId order); r3 leaves the last row unlabeled.
    const plan: Record<"r1" | "r2" | "r3", number[]> = { r1: [0, 0, 1, 1, 0, 1, 0, 1], r2: [0, 1, 1, 1, 0, 0, 0, 1], r3: [0, 0, 1, 0, 0, 1, 1, -1] };
    for (const who of ["r1", "r2", "r3"] as const) {
      for (let i = 0; i < rowIds.length; i++) {
        if (plan[who][i]! < 0) continue;
        await submitBatchLabel(db.prisma, { projectId: demo.projectId, batchId: batch.id, rowId: rowIds[i]!, userId: users[who], label: plan[who][i]! });
      }
    }
    const rows = await db.prisma.row.findMany({ where: { id: { in: rowIds } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    // Row 0 and row 2 are unanimous: gold from consensus. Row 7 still waits for r3.
    expect(byId.get(rowIds[0]!)).toMatchObject({ gold: 0, goldSource: "REVIEW" });
    expect(byId.get(rowIds[2]!)).toMatchObject({ gold: 1, goldSource: "REVIEW" });
    expect(byId.get(rowIds[7]!)!.goldSource).toBe("GOLD_IMPORT");

    const disagreements = await listDisagreements(db.prisma, demo.projectId, batch.id);
    expect(disagreements.map((d) => d.row.id).sort()).toEqual([1, 3, 5, 6].map((i) => rowIds[i]!).sort());
    await adjudicate(db.prisma, { projectId: demo.projectId, batchId: batch.id, rowId: rowIds[1]!, label: 1, by: users.owner });
    expect(await db.prisma.row.findUniqueOrThrow({ where: { id: rowIds[1]! } })).toMatchObject({ gold: 1, goldSource: "REVIEW" });
    expect(await db.prisma.auditEvent.count({ where: { action: "label.gold", targetId: rowIds[1]!, actorId: users.owner } })).toBe(1);
    expect((await listDisagreements(db.prisma, demo.projectId, batch.id)).map((d) => d.row.id)).not.toContain(rowIds[1]!);
    await expect(adjudicate(db.prisma, { projectId: demo.projectId, batchId: batch.id, rowId: rowIds[1]!, label: 5, by: users.owner })).rejects.toThrow(/label 5 is outside/);

    const stats = await batchAgreement(db.prisma, demo.projectId, batch.id);
    expect(stats.rows).toBe(8);
    expect(stats.annotations).toBe(23);
    const pair = (a: string, b: string) => stats.pairs.find((p) => (p.a.id === a && p.b.id === b) || (p.a.id === b && p.b.id === a))!;
    for (const [x, y] of [["r1", "r2"], ["r1", "r3"], ["r2", "r3"]] as const) {
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
});

describe("comments", () => {
  it("adds and lists comments on rows and programs of the project only", async () => {
    const row = await db.prisma.row.findFirstOrThrow({ where: { datasetId: demo.datasetId } });
    const program = await db.prisma.program.findFirstOrThrow({ where: { projectId: demo.projectId } });
    await addComment(db.prisma, { projectId: demo.projectId, targetType: "ROW", targetId: row.id, authorId: users.r1, body: "  ambiguous: could be either  " });
    await addComment(db.prisma, { projectId: demo.projectId, targetType: "PROGRAM", targetId: program.id, authorId: users.r2, body: "misses 'txt' spellings" });
    const onRow = await listComments(db.prisma, { projectId: demo.projectId, targetType: "ROW", targetId: row.id });
    expect(onRow).toMatchObject([{ body: "ambiguous: could be either", author: "r1" }]);
    expect(await listComments(db.prisma, { projectId: demo.projectId, targetType: "PROGRAM", targetId: program.id })).toMatchObject([{ author: "r2" }]);
    const other = await db.prisma.project.create({ data: { name: "other" } });
    await expect(addComment(db.prisma, { projectId: other.id, targetType: "ROW", targetId: row.id, authorId: users.r1, body: "x" })).rejects.toThrow(/is not in project/);
    await expect(addComment(db.prisma, { projectId: demo.projectId, targetType: "ROW", targetId: row.id, authorId: users.r1, body: "   " })).rejects.toThrow(/cannot be empty/);
  });
});
