import { randomBytes } from "node:crypto";
import { parseRunSettings, type RunSettings } from "@alchemist/engine";
import {
  assembleLabelMatrix,
  createDatasetWithRows,
  createJob,
  removeMember,
  createProgram,
  createProject,
  createRun,
  createTask,
  getRun,
  setProjectRunSettings,
  listRunJobs,
  runAnalysis,
  runPrograms,
} from "@alchemist/db";
import { seedDemo } from "@alchemist/db/testing";
import { QUEUES, cancelChannel } from "@alchemist/jobs";
import { describe, expect, it } from "vitest";
import { enqueueApply } from "../testing/enqueue-apply";
import { createMember } from "../testing/create-member";
import { useApplyStack } from "../testing/use-apply-stack";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";

const texts: [string, "train" | "dev" | "test", number?][] = [
  ["free prize now", "train"],
  ["hi mom", "train"],
  ["free hi", "dev", 1],
  ["hello there", "dev", 0],
  ["free money", "dev", 1],
  ["hi there friend", "dev", 1],
  ["lunch?", "test", 0],
  ["free trial hi", "test", 0],
  ["ok", "train"],
  ["free", "train"],
];
const rows = texts.map(([text, split, gold], i) => ({ id: `m${i}`, fields: { text }, split, ...(gold === undefined ? {} : { gold }) }));
const classes = [
  { name: "ham", description: "" },
  { name: "spam", description: "" },
];

const stack = useApplyStack({ poolSize: 1, rowTimeoutMs: 2000 });

async function seedRun(programs: { name: string; language: "PYTHON" | "JAVASCRIPT"; source: string }[], settings?: RunSettings) {
  const project = await createProject(stack.db.prisma, { name: `p-${randomBytes(3).toString("hex")}` });
  if (settings) await setProjectRunSettings(stack.db.prisma, project.id, settings);
  await createTask(stack.db.prisma, project.id, { name: "spam", description: "", input: "text", language: "python", functionName: "label_function", classes });
  const dataset = await createDatasetWithRows(stack.db.prisma, { projectId: project.id, name: "sms", rows, chunkSize: 4 });
  for (const p of programs) await createProgram(stack.db.prisma, { projectId: project.id, ...p });
  const run = await createRun(stack.db.prisma, { projectId: project.id, datasetId: dataset.id });
  const actorId = await createMember(stack.db.prisma, project.id, "EDITOR");
  return { project, dataset, run, actorId, payload: { projectId: project.id, runId: run.id, datasetId: dataset.id, actorId } };
}

describe("apply-programs worker", () => {
  it("applies programs chunk by chunk, stores votes and the analysis, and never recomputes a stored chunk", async () => {
    const { dataset, run, payload } = await seedRun([
      { name: "has_free", language: "JAVASCRIPT", source: 'function label_function(text) { return text.includes("free") ? "spam" : -1; }' },
      { name: "says_hi", language: "PYTHON", source: 'def label_function(text):\n    return 0 if "hi" in text.split() else -1\n' },
    ]);
    const { jobId } = await enqueueApply(stack.queue, stack.db.prisma, payload);
    const first = await (await stack.queue.getJob(jobId))!.waitUntilFinished(stack.events, testBudget(60_000));
    expect(first.computed).toBe(6);
    const outputs = await stack.db.prisma.programOutput.findMany({ where: { datasetId: dataset.id }, orderBy: [{ codeHash: "asc" }, { chunkIndex: "asc" }] });
    expect(outputs).toHaveLength(6);
    const stored = await getRun(stack.db.prisma, run.id);
    expect(stored?.status).toBe("SUCCEEDED");
    const analysis = runAnalysis(stored!)!;
    expect(analysis.summary).toEqual({ coverage: 0.7, overlap: 0.2, conflict: 0.2 });
    const [free, hi] = analysis.programs;
    expect(free).toMatchObject({ name: "has_free", coverage: 0.5, polarity: [1], overlaps: 0.2, conflicts: 0.2, empiricalAccuracy: 1, faults: {} });
    // dev gold only: the test row where says_hi is right must not count.
    expect(hi).toMatchObject({ name: "says_hi", coverage: 0.4, polarity: [0], empiricalAccuracy: 0 });
    const jobs = await listRunJobs(stack.db.prisma, run.id);
    expect(jobs[0]).toMatchObject({ status: "SUCCEEDED", progress: 100 });

    const again = await enqueueApply(stack.queue, stack.db.prisma, payload);
    expect(again.added).toBe(true);
    const second = await (await stack.queue.getJob(jobId))!.waitUntilFinished(stack.events, testBudget(60_000));
    expect(second.computed).toBe(0);
    const after = await stack.db.prisma.programOutput.findMany({ where: { datasetId: dataset.id }, orderBy: [{ codeHash: "asc" }, { chunkIndex: "asc" }] });
    expect(after.map((o) => [o.id, o.createdAt.getTime(), Array.from(o.votes)])).toEqual(
      outputs.map((o) => [o.id, o.createdAt.getTime(), Array.from(o.votes)]),
    );
    expect(runAnalysis((await getRun(stack.db.prisma, run.id))!)).toEqual(analysis);
  });

  it("cancels an active job through the cancel channel and marks the run CANCELLED", async () => {
    const { run, payload } = await seedRun([
      {
        name: "slow",
        language: "JAVASCRIPT",
        source: "function label_function(text) { const end = Date.now() + 400; while (Date.now() < end) {} return -1; }",
      },
    ]);
    const { jobId } = await enqueueApply(stack.queue, stack.db.prisma, payload);
    const job = (await stack.queue.getJob(jobId))!;
    const finished = job.waitUntilFinished(stack.events, testBudget(60_000)).then(
      () => "completed",
      (error: Error) => error.message,
    );
    // The parent waits for its chunk jobs (waiting-children) once it has planned them.
    while (!(await stack.db.prisma.job.count({ where: { runId: run.id, queue: QUEUES.applyChunk, status: "RUNNING" } })))
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await job.getState()).toBe("waiting-children");
    // What the studio's Cancel does first: removing the flow is refused while a chunk is locked by a worker...
    await expect(job.remove()).rejects.toThrow(/locked/);
    // ...so it publishes on the apply-programs cancel channel, which reaches every worker's chunks.
    await stack.connection.publish(cancelChannel(QUEUES.applyPrograms, stack.prefix), JSON.stringify({ jobId, reason: "user asked" }));
    expect(await finished).toMatch(/cancelled: user asked/);
    expect((await getRun(stack.db.prisma, run.id))?.status).toBe("CANCELLED");
    expect((await listRunJobs(stack.db.prisma, run.id))[0]).toMatchObject({ status: "CANCELLED" });
    // The active chunk was aborted and the waiting ones never ran: no vote stored, every chunk row ended.
    expect(await stack.db.prisma.programOutput.count({ where: { datasetId: run.datasetId } })).toBe(0);
    const chunks = await stack.db.prisma.job.findMany({ where: { runId: run.id, queue: QUEUES.applyChunk }, select: { status: true, error: true } });
    expect(chunks).toHaveLength(3);
    for (const c of chunks) expect(c).toEqual({ status: "CANCELLED", error: "cancelled: user asked" });
  });

  it("stops a program the runner stopped on one chunk for the run's later chunks: disabled faults with the stop's row and reason", async () => {
    const { dataset, run, payload } = await seedRun([
      { name: "has_free", language: "JAVASCRIPT", source: 'function label_function(text) { return text.includes("free") ? "spam" : -1; }' },
      { name: "hangs", language: "JAVASCRIPT", source: "function label_function(text) { for (;;) {} }" },
    ]);
    const { jobId } = await enqueueApply(stack.queue, stack.db.prisma, payload);
    const result = await (await stack.queue.getJob(jobId))!.waitUntilFinished(stack.events, testBudget(120_000));
    const hangs = runPrograms((await getRun(stack.db.prisma, run.id))!).find((p) => p.name === "hangs")!;
    const stop = await stack.db.prisma.programStop.findUniqueOrThrow({ where: { runId_codeHash: { runId: run.id, codeHash: hangs.codeHash } } });
    // K = 3 timeouts in a row on chunk 0 (rows 0..3) stop it; chunks 1 and 2 never run it.
    expect(stop).toMatchObject({ chunkIndex: 0, row: expect.any(Number) });
    expect(stop.row).toBeLessThan(4);
    expect(result.computed).toBe(3 + 1);
    const outputs = await stack.db.prisma.programOutput.findMany({
      where: { datasetId: dataset.id, codeHash: hangs.codeHash },
      orderBy: { chunkIndex: "asc" },
    });
    expect(outputs.map((o) => o.faults)).toEqual([expect.objectContaining({ timeout: 3 }), { disabled: 4 }, { disabled: 2 }]);
    for (const o of outputs) expect(o.stopped).toEqual({ row: stop.row, reason: stop.reason });
    const analysis = runAnalysis((await getRun(stack.db.prisma, run.id))!)!;
    expect(analysis.programs.find((p) => p.name === "hangs")).toMatchObject({
      coverage: 0,
      faults: { timeout: 3, disabled: 7 },
      stopped: { row: stop.row, reason: stop.reason },
    });
    expect(analysis.programs.find((p) => p.name === "has_free")!.stopped).toBeUndefined();
  });

  it("runs with the settings the project had when the run was created: one timeout stops a program when the run says so", async () => {
    const { project, dataset, run, payload } = await seedRun(
      [{ name: "hangs", language: "JAVASCRIPT", source: "function label_function(text) { for (;;) {} }" }],
      parseRunSettings({ maxConsecutiveFaults: 1, seed: 7 }),
    );
    expect(parseRunSettings((await getRun(stack.db.prisma, run.id))!.settings)).toMatchObject({ maxConsecutiveFaults: 1, seed: 7 });
    // Changed after the run was created: the run keeps its copy.
    await setProjectRunSettings(stack.db.prisma, project.id, parseRunSettings({ maxConsecutiveFaults: 0 }));
    const { jobId } = await enqueueApply(stack.queue, stack.db.prisma, payload);
    await (await stack.queue.getJob(jobId))!.waitUntilFinished(stack.events, testBudget(120_000));
    const stop = await stack.db.prisma.programStop.findFirstOrThrow({ where: { runId: run.id } });
    // Row 0 timed out; the program is stopped from row 1 on.
    expect(stop).toMatchObject({ chunkIndex: 0, row: 1 });
    const outputs = await stack.db.prisma.programOutput.findMany({ where: { datasetId: dataset.id }, orderBy: { chunkIndex: "asc" } });
    expect(outputs.map((o) => o.faults)).toEqual([{ timeout: 1, disabled: 3 }, { disabled: 4 }, { disabled: 2 }]);
  });

  it("stores seeded demo votes that equal what the real runner computes from the Python sources", async () => {
    const { runId, userId } = await seedDemo(stack.db.prisma);
    const run = (await getRun(stack.db.prisma, runId))!;
    const dataset = (await stack.db.prisma.dataset.findUnique({ where: { id: run.datasetId } }))!;
    const { L: seeded } = await assembleLabelMatrix(
      stack.db.prisma,
      dataset,
      runPrograms(run).map((p) => p.codeHash),
    );
    await stack.db.prisma.programOutput.deleteMany({ where: { datasetId: dataset.id } });
    const { jobId } = await enqueueApply(stack.queue, stack.db.prisma, { projectId: run.projectId, runId, datasetId: dataset.id, actorId: userId });
    const result = await (await stack.queue.getJob(jobId))!.waitUntilFinished(stack.events, testBudget(120_000));
    expect(result.computed).toBe(8);
    const { L: real } = await assembleLabelMatrix(
      stack.db.prisma,
      dataset,
      runPrograms(run).map((p) => p.codeHash),
    );
    expect(Array.from(real.values)).toEqual(Array.from(seeded.values));
    expect(runAnalysis((await getRun(stack.db.prisma, runId))!)?.summary).toEqual(runAnalysis(run)?.summary);
  });

  it("fails a job whose actor left the project after it was queued, writing nothing", async () => {
    const { project, dataset, run, actorId, payload } = await seedRun([
      { name: "has_free", language: "JAVASCRIPT", source: 'function label_function(text) { return text.includes("free") ? 1 : -1; }' },
    ]);
    const paused = await stack.queue.isPaused();
    await stack.queue.pause();
    try {
      const { jobId } = await enqueueApply(stack.queue, stack.db.prisma, payload);
      await removeMember(stack.db.prisma, project.id, actorId);
      await stack.queue.resume();
      const job = (await stack.queue.getJob(jobId))!;
      await expect(job.waitUntilFinished(stack.events, testBudget(60_000))).rejects.toThrow(
        new RegExp(`user ${actorId} is not a member of project ${project.id}`),
      );
    } finally {
      if (paused) await stack.queue.pause();
    }
    expect(await stack.db.prisma.programOutput.count({ where: { datasetId: dataset.id } })).toBe(0);
    expect(runAnalysis((await getRun(stack.db.prisma, run.id))!)).toBeNull();
    expect((await listRunJobs(stack.db.prisma, run.id))[0]).toMatchObject({ status: "FAILED" });
  });

  it("lets a reviewer re-score stored votes but refuses them a full apply", async () => {
    const { project, dataset, run, payload } = await seedRun([
      { name: "has_free", language: "JAVASCRIPT", source: 'function label_function(text) { return text.includes("free") ? 1 : -1; }' },
    ]);
    const reviewer = await createMember(stack.db.prisma, project.id, "REVIEWER");
    // A reviewer may not run programs: nothing is computed or stored.
    const refused = await enqueueApply(stack.queue, stack.db.prisma, { ...payload, actorId: reviewer });
    await expect((await stack.queue.getJob(refused.jobId))!.waitUntilFinished(stack.events, testBudget(60_000))).rejects.toThrow(
      /is REVIEWER in project .*"edit" needs a higher role/,
    );
    expect(await stack.db.prisma.programOutput.count({ where: { datasetId: dataset.id } })).toBe(0);
    // Nor re-score a run whose votes are not all stored: a re-score runs no program.
    const early = await enqueueApply(stack.queue, stack.db.prisma, { ...payload, actorId: reviewer, mode: "rescore" });
    await expect((await stack.queue.getJob(early.jobId))!.waitUntilFinished(stack.events, testBudget(60_000))).rejects.toThrow(
      /misses 3 program-chunk\(s\) of votes; a re-score only re-analyses stored votes/,
    );
    expect(await stack.db.prisma.programOutput.count({ where: { datasetId: dataset.id } })).toBe(0);

    const applied = await enqueueApply(stack.queue, stack.db.prisma, payload);
    expect((await (await stack.queue.getJob(applied.jobId))!.waitUntilFinished(stack.events, testBudget(60_000))).computed).toBe(3);
    const before = (await getRun(stack.db.prisma, run.id))!;
    // New DEV gold: the reviewer's re-score re-analyses the stored votes and leaves the run SUCCEEDED.
    await stack.db.prisma.row.updateMany({ where: { datasetId: dataset.id, split: "DEV" }, data: { gold: 0 } });
    const rescored = await enqueueApply(stack.queue, stack.db.prisma, { ...payload, actorId: reviewer, mode: "rescore" });
    expect((await (await stack.queue.getJob(rescored.jobId))!.waitUntilFinished(stack.events, testBudget(60_000))).computed).toBe(0);
    const after = (await getRun(stack.db.prisma, run.id))!;
    expect(after.status).toBe("SUCCEEDED");
    expect(runAnalysis(before)!.programs[0]!.empiricalAccuracy).toBe(1);
    expect(runAnalysis(after)!.programs[0]!.empiricalAccuracy).toBe(0);
    expect(await stack.db.prisma.programOutput.count({ where: { datasetId: dataset.id } })).toBe(3);
  });

  it("fails a payload without an actor before touching the run", async () => {
    const { run, payload } = await seedRun([{ name: "p", language: "JAVASCRIPT", source: "function label_function(text) { return -1; }" }]);
    const { actorId: _, ...anonymous } = payload;
    await createJob(stack.db.prisma, { projectId: run.projectId, runId: run.id, queue: QUEUES.applyPrograms, externalId: run.id, payload: anonymous });
    const job = await stack.queue.add(QUEUES.applyPrograms, anonymous, { jobId: run.id, attempts: 1 });
    await expect(job.waitUntilFinished(stack.events, testBudget(60_000))).rejects.toThrow(
      /invalid apply-programs payload: actorId: every job names the user it acts for/,
    );
    expect((await getRun(stack.db.prisma, run.id))?.status).toBe("QUEUED");
    expect(await stack.db.prisma.programOutput.count({ where: { datasetId: run.datasetId } })).toBe(0);
  });
});
