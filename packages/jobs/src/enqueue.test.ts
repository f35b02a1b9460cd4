import { describe, expect, it } from "vitest";
import { QueueRefusedError, enqueue, type JobQueue, type JobRows } from "./enqueue";
import { JOBS, QUEUES, jobDefinition, jobOptions, parseJobPayload } from "./job-registry";

type Row = { id: string; status: string; externalId: string; payload: object; error?: string };

/** The Job table and a BullMQ queue in memory, logging every write in order. */
function fakes(name: string, options: { refuse?: boolean; state?: string } = {}) {
  const log: string[] = [];
  const table: Row[] = [];
  const rows: JobRows<Row> = {
    claim: async (input) => {
      const existing = table
        .filter((r) => r.externalId === input.externalId && (input.reuse === "any" || r.status === "QUEUED" || r.status === "RUNNING"))
        .pop();
      if (existing) return { row: existing, created: false };
      const row = { id: `job${table.length + 1}`, status: "QUEUED", externalId: input.externalId, payload: input.payload };
      table.push(row);
      log.push(`row ${row.id}`);
      return { row, created: true };
    },
    fail: async (id, error) => {
      Object.assign(
        table.find((r) => r.id === id)!,
        { status: "FAILED", error },
      );
      log.push(`fail ${id}`);
    },
  };
  const bull = new Map<string, { data: object; state: string; options: object }>();
  const queue: JobQueue = {
    name,
    add: async (n, data, opts) => {
      if (options.refuse) throw new Error("ECONNREFUSED 127.0.0.1:6379");
      if (!bull.has(opts.jobId!)) bull.set(opts.jobId!, { data, state: options.state ?? "waiting", options: opts });
      log.push(`add ${n} ${opts.jobId}`);
    },
    getJob: async (id) => {
      const job = bull.get(id);
      return job && { getState: async () => job.state, remove: async () => void (bull.delete(id), log.push(`remove ${id}`)) };
    },
  };
  return { log, table, rows, bull, queue };
}

const order = { projectId: "p1", runId: "r1", kind: "conflict" as const, actorId: "u1" };
const apply = { projectId: "p1", runId: "r1", datasetId: "d1", actorId: "u1" };

describe("the job registry", () => {
  it("defines every queue once, with its schema, options and repeat policy", () => {
    expect(Object.values(QUEUES)).toEqual(Object.values(JOBS).map((j) => j.queue));
    expect(new Set(Object.values(QUEUES)).size).toBe(Object.keys(JOBS).length);
    expect(jobOptions("export", "e1")).toEqual({ attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 }, jobId: "e1" });
    expect(jobOptions("try-program", "t1")).toMatchObject({ attempts: 1, removeOnComplete: { age: 600 } });
    expect(jobOptions("apply-chunk", "r1-1-0")).toMatchObject({ removeOnComplete: true });
    expect(jobDefinition("apply-programs").repeat).toBe("rerun");
    expect(jobDefinition("run-diff").repeat).toBe("once");
    expect(() => jobDefinition("apply_programs")).toThrow(/"apply_programs" is not a job queue \(known: apply-programs, /);
    expect(() => jobOptions("export", "")).toThrow(/needs a job id/);
    expect(parseJobPayload("apply-programs", apply)).toEqual({ ...apply, mode: "apply" });
  });
});

describe("enqueue", () => {
  it("writes the Job row first, then adds the job under the same id with the registry's options", async () => {
    const f = fakes("export");
    const payload = { projectId: "p1", exportId: "0b6c3c1e-7f7a-4d55-9e1a-2f0c1d2e3f40", runId: "r1", format: "csv" as const, actorId: "u1" };
    const done = await enqueue({ queue: f.queue, rows: f.rows }, "export", payload, { jobId: "e1", runId: "r1" });
    expect(f.log).toEqual(["row job1", "add export e1"]);
    expect(done).toMatchObject({ jobId: "e1", created: true, added: true, row: { id: "job1", status: "QUEUED" } });
    expect(f.table[0]!.payload).toEqual(done.payload);
    expect(f.bull.get("e1")!.options).toEqual(jobOptions("export", "e1"));
  });

  it("once: one row and one BullMQ job per id, whatever the row's status", async () => {
    const f = fakes("review-order");
    const first = await enqueue({ queue: f.queue, rows: f.rows }, "review-order", order, { jobId: "review-order-r1-conflict-0" });
    f.table[0]!.status = "SUCCEEDED";
    const again = await enqueue({ queue: f.queue, rows: f.rows }, "review-order", order, { jobId: "review-order-r1-conflict-0" });
    expect([first.created, first.added, again.created, again.added]).toEqual([true, true, false, false]);
    expect(again.row.id).toBe(first.row.id);
    expect(f.log).toEqual(["row job1", "add review-order review-order-r1-conflict-0"]);
  });

  it("rerun: a waiting job is left alone; a finished one is removed and runs again with a new row", async () => {
    const f = fakes("apply-programs");
    const first = await enqueue({ queue: f.queue, rows: f.rows }, "apply-programs", apply, { jobId: "r1" });
    const pending = await enqueue({ queue: f.queue, rows: f.rows }, "apply-programs", { ...apply, mode: "rescore" }, { jobId: "r1" });
    expect(pending).toMatchObject({ added: false, created: false, row: { id: first.row.id } });
    f.bull.get("r1")!.state = "completed";
    f.table[0]!.status = "SUCCEEDED";
    const rescore = await enqueue({ queue: f.queue, rows: f.rows }, "apply-programs", { ...apply, mode: "rescore" }, { jobId: "r1" });
    expect(rescore).toMatchObject({ added: true, created: true, row: { id: "job2" } });
    expect(f.bull.get("r1")!.data).toMatchObject({ mode: "rescore" });
    expect(f.log).toEqual(["row job1", "add apply-programs r1", "remove r1", "row job2", "add apply-programs r1"]);
  });

  it("new: a row still QUEUED under the id (Redis lost its job) is reused, not doubled", async () => {
    const f = fakes("fit-label-models");
    const input = { projectId: "p1", runId: "r1", actorId: "u1" };
    await enqueue({ queue: f.queue, rows: f.rows }, "fit-label-models", input, { jobId: "f1" });
    f.bull.clear();
    const again = await enqueue({ queue: f.queue, rows: f.rows }, "fit-label-models", input, { jobId: "f1" });
    expect(again).toMatchObject({ created: false, added: true, row: { id: "job1" } });
    expect(f.table).toHaveLength(1);
    expect(f.bull.has("f1")).toBe(true);
  });

  it("refuses a bad payload before writing anything, names a wrong queue, and marks the row FAILED when the queue is down", async () => {
    const f = fakes("review-order");
    await expect(enqueue({ queue: f.queue, rows: f.rows }, "review-order", { ...order, actorId: undefined } as never, { jobId: "x" })).rejects.toThrow(
      /invalid review-order payload: actorId: .*actorId is missing/,
    );
    expect(f.table).toHaveLength(0);
    await expect(enqueue({ queue: fakes("run-diff").queue, rows: f.rows }, "review-order", order, { jobId: "x" })).rejects.toThrow(
      /given the "run-diff" queue/,
    );
    await expect(enqueue({ queue: fakes("try-program").queue, rows: f.rows }, "try-program" as never, {} as never)).rejects.toThrow(
      /try-program jobs have no Job row/,
    );
    const down = fakes("review-order", { refuse: true });
    await expect(enqueue({ queue: down.queue, rows: down.rows }, "review-order", order, { jobId: "y" })).rejects.toThrow(
      new QueueRefusedError("review-order", new Error("ECONNREFUSED 127.0.0.1:6379")),
    );
    expect(down.table[0]).toMatchObject({ status: "FAILED", error: "could not queue the job: ECONNREFUSED 127.0.0.1:6379" });
    expect(down.log).toEqual(["row job1", "fail job1"]);
  });

  it("gives a job without an id a fresh UUID", async () => {
    const f = fakes("fit-label-models");
    const a = await enqueue({ queue: f.queue, rows: f.rows }, "fit-label-models", { projectId: "p1", runId: "r1", actorId: "u1" });
    const b = await enqueue({ queue: f.queue, rows: f.rows }, "fit-label-models", { projectId: "p1", runId: "r1", actorId: "u1" });
    expect(a.jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.jobId).not.toBe(a.jobId);
    expect(f.table).toHaveLength(2);
  });
});
