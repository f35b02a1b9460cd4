import { conflictReviewOrder, entropyReviewOrder } from "@alchemist/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../testing/seed-demo";
import { createTestDatabase, type TestDatabase } from "../testing/create-test-database";
import { countGold, reviewRow } from "./annotations";
import { addComment, listComments } from "./comments";
import { assembleLabelMatrix } from "./program-outputs";
import { readReviewQueue } from "./review-queue";
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
  const { L } = await assembleLabelMatrix(
    db.prisma,
    dataset,
    runPrograms(run).map((p) => p.codeHash),
  );
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
    const { L } = await assembleLabelMatrix(
      db.prisma,
      dataset,
      runPrograms(run).map((p) => p.codeHash),
    );
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
        data: {
          runId: demo.runId,
          chunkIndex,
          chunkRows: 100,
          k: 2,
          probs: new Uint8Array(probs.buffer),
          entropy: new Uint8Array(entropy.buffer),
          maxEntropy: Math.max(...entropy),
        },
      });
    }
    expect(await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "uncertainty", cursor: 0, limit: 3 })).toMatchObject({
      status: "computing",
      kind: "uncertainty",
      due: { kind: "uncertainty" },
    });
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
    // The row came with imported gold "ham": labelling it "spam" is a correction, refused unless explicit.
    await expect(reviewRow(db.prisma, { projectId: demo.projectId, rowId: first.id, userId: users.r1, label: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/row sms-042 already has gold "ham" \(imported with the data\): changing existing gold is a correction/),
    });
    expect(await db.prisma.annotation.count({ where: { rowId: first.id } })).toBe(0);
    await reviewRow(db.prisma, {
      projectId: demo.projectId,
      rowId: first.id,
      userId: users.r1,
      label: 1,
      comment: "prize scam",
      correction: { reason: "prize scam" },
    });
    const row = await db.prisma.row.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ gold: 1, goldSource: "REVIEW" });
    const after = await countGold(db.prisma, demo.datasetId);
    expect(after.reviewed).toBe(before.reviewed + 1);
    expect(await db.prisma.auditEvent.findMany({ where: { targetId: first.id, actorId: users.r1 }, select: { action: true, details: true } })).toEqual([
      { action: "label.correct", details: { label: 1, previous: 0, previousSource: "GOLD_IMPORT", split: first.split, via: "review", reason: "prize scam" } },
    ]);
    const again = await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "conflict", cursor: 0, limit: 5 });
    expect(again.rows.map((r) => r.id)).not.toContain(first.id);
    expect(again.rows[0]!.id).toBe(page.rows[1]!.id);
    const dev = await readReviewQueue(db.prisma, { projectId: demo.projectId, kind: "conflict", split: "DEV", cursor: 0, limit: 50 });
    expect(dev.rows.every((r) => r.split === "DEV")).toBe(true);
    await expect(reviewRow(db.prisma, { projectId: demo.projectId, rowId: first.id, userId: users.r1, label: 2 })).rejects.toMatchObject({
      name: "DomainError",
      code: "INVALID",
      message: expect.stringMatching(/label 2 is outside the task's classes 0..1: pick one of ham, spam/),
    });
    // The queue shows each row's current gold; changing existing gold is an explicit, audited correction.
    expect(again.rows.every((r) => "gold" in r)).toBe(true);
    await expect(reviewRow(db.prisma, { projectId: demo.projectId, rowId: first.id, userId: users.r1, label: 0 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already has gold "spam" \(decided in review\): changing existing gold is a correction/),
    });
    expect(await db.prisma.row.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ gold: 1 });
    await reviewRow(db.prisma, { projectId: demo.projectId, rowId: first.id, userId: users.r1, label: 0, correction: { reason: "misread it" } });
    expect(await db.prisma.row.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ gold: 0, goldSource: "REVIEW" });
    expect(
      await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "label.correct", targetId: first.id }, orderBy: { createdAt: "desc" } }),
    ).toMatchObject({ details: { label: 0, previous: 1, previousSource: "REVIEW", via: "review", reason: "misread it" } });
    // Re-confirming the current gold is no correction.
    await reviewRow(db.prisma, { projectId: demo.projectId, rowId: first.id, userId: users.r1, label: 0 });
  });
});

describe("comments", () => {
  it("adds and lists comments on rows and programs of the project only", async () => {
    const row = await db.prisma.row.findFirstOrThrow({ where: { datasetId: demo.datasetId } });
    const program = await db.prisma.program.findFirstOrThrow({ where: { projectId: demo.projectId } });
    await addComment(db.prisma, { projectId: demo.projectId, targetType: "ROW", targetId: row.id, authorId: users.r1, body: "ambiguous: could be either" });
    await addComment(db.prisma, { projectId: demo.projectId, targetType: "PROGRAM", targetId: program.id, authorId: users.r2, body: "misses 'txt' spellings" });
    const onRow = await listComments(db.prisma, { projectId: demo.projectId, targetType: "ROW", targetId: row.id });
    expect(onRow).toMatchObject([{ body: "ambiguous: could be either", author: "r1" }]);
    expect(await listComments(db.prisma, { projectId: demo.projectId, targetType: "PROGRAM", targetId: program.id })).toMatchObject([{ author: "r2" }]);
    const other = await db.prisma.project.create({ data: { name: "other" } });
    await expect(addComment(db.prisma, { projectId: other.id, targetType: "ROW", targetId: row.id, authorId: users.r1, body: "x" })).rejects.toThrow(
      /is not in project/,
    );
  });
});
