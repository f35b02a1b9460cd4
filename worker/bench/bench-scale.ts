import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { createRng } from "@alchemist/engine";
import {
  assembleLabelMatrix,
  createJob,
  createProgram,
  createProject,
  createRun,
  createTask,
  getRun,
  readPseudolabels,
  runAnalysis,
  runPrograms,
  type PrismaClient,
} from "@alchemist/db";
import { createTestDatabase } from "@alchemist/db/testing";
import { QUEUES, parseApplyProgramsPayload, parseImportDatasetPayload, uploadFileName } from "@alchemist/jobs";
import { createMember } from "../src/testing/create-member";
import { procStatFields } from "./process-cpu";

/**
 * `npm run bench:scale -- --rows N --programs M --workers W [--chunk-concurrency C]`
 *
 * One run of the studio's pipeline at scale, through the queue with W real worker processes (the
 * built worker, `node worker/bin/worker.mjs`, as `npm start -w @alchemist/worker` runs it) on a
 * throwaway database and a private BullMQ prefix on the local Postgres and Redis:
 * 1. import: an N-row CSV (seeded synthetic messages, a gold label, random 70/10/20 split) through the
 *    real import-dataset job;
 * 2. apply: M JavaScript labeling programs, as the run's apply-programs flow (one apply-chunk job
 *    per 1,000-row chunk, taken by any worker);
 * 3. fit: analysis, every label model fitted and chosen on dev, pseudolabels of every row.
 * With W > 1 the same run is first done by ONE worker process on the same dataset (the same-run
 * baseline; its votes are then deleted), and the W-worker run must store the same L, analysis
 * and pseudolabels. Peak memory (VmHWM) is sampled for every worker process and its sandboxes.
 * Prints the baseline's and the run's figures, then one JSON line last:
 * {"rows":N,"programs":M,"workers":W,"seconds":{"import":..,"apply":..,"fit":..,"total":..},"chunksPerWorker":[..],"identicalToOneWorker":true,...}
 * Run it under the heavy lock on a shared machine: `flock /tmp/alchemist-heavy.lock npm run bench:scale -- ...`.
 */
const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive integer, got "${argv[i + 1]}"`);
  return value;
};
const N = option("rows", 100_000);
const M = option("programs", 20);
const W = option("workers", 2);
/** Chunk jobs each worker process runs at once (APPLY_CHUNK_CONCURRENCY). */
const CC = option("chunk-concurrency", 2);
const PREFIX = `bench-scale-${randomBytes(4).toString("hex")}`;
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const SPAM = ["free", "win", "prize", "cash", "offer", "click", "urgent", "winner", "credit", "loan", "bonus", "deal"];
const HAM = ["meeting", "lunch", "thanks", "report", "tomorrow", "family", "project", "schedule", "call", "see", "home", "weekend"];
const FILLER = ["the", "a", "to", "and", "you", "for", "is", "on", "we", "it", "at", "this", "with", "our", "now", "just"];

/** M deterministic programs: spam and ham keywords, then a few heuristics, cycling with variants. */
function programSources(m: number): { name: string; source: string }[] {
  const heuristics = [
    { name: "many_digits", body: `return /\\d{4,}/.test(text) ? "spam" : -1;` },
    { name: "shouting", body: `return text.includes("!") ? "spam" : -1;` },
    { name: "long_message", body: `return text.length > 90 ? "ham" : -1;` },
    { name: "short_message", body: `return text.length < 40 ? "ham" : -1;` },
  ];
  const keywords = SPAM.flatMap((w, i) => [
    { name: `spam_${w}`, body: `return text.includes(" ${w}") ? "spam" : -1;` },
    { name: `ham_${HAM[i]}`, body: `return text.includes(" ${HAM[i]}") ? "ham" : -1;` },
  ]);
  const kinds = [...heuristics, ...keywords];
  return Array.from({ length: m }, (_, j) => {
    const k = kinds[j % kinds.length]!;
    const round = Math.floor(j / kinds.length);
    return { name: round ? `${k.name}_${round}` : k.name, source: `function label_function(text) { ${k.body} }` };
  });
}

/** Writes the N-row CSV upload (id, text, label), seeded. */
async function writeUpload(path: string): Promise<void> {
  const rng = createRng(7);
  const out = createWriteStream(path);
  const pick = (list: string[]) => list[Math.floor(rng() * list.length)]!;
  out.write("id,text,label\n");
  for (let i = 0; i < N; i++) {
    const spam = rng() < 0.3;
    const words: string[] = [];
    const length = 6 + Math.floor(rng() * 12);
    for (let w = 0; w < length; w++) {
      const r = rng();
      words.push(r < 0.18 ? pick(spam ? SPAM : HAM) : r < 0.22 ? pick(spam ? HAM : SPAM) : r < 0.25 ? String(Math.floor(rng() * 100_000)) : pick(FILLER));
    }
    const line = `r${i},"${words.join(" ")}${spam && rng() < 0.4 ? "!" : ""}",${spam ? "spam" : "ham"}\n`;
    if (!out.write(line)) await new Promise<void>((done) => out.once("drain", () => done()));
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
}

interface WorkerHandle {
  readonly child: ChildProcess;
  output: string;
}

function startWorkers(count: number, env: Record<string, string>): Promise<WorkerHandle[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(process.execPath, [join(ROOT, "worker/bin/worker.mjs")], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const handle: WorkerHandle = { child, output: "" };
      const append = (chunk: Buffer) => {
        handle.output += chunk.toString("utf8");
        if (handle.output.length > 200_000) handle.output = handle.output.slice(-100_000);
        if (process.env.BENCH_VERBOSE) process.stderr.write(`[worker ${child.pid}] ${chunk.toString("utf8")}`);
      };
      child.stdout!.on("data", append);
      child.stderr!.on("data", append);
      const deadline = Date.now() + 180_000;
      while (!/listening/.test(handle.output)) {
        if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${handle.output.slice(-3000)}`);
        if (Date.now() > deadline) throw new Error(`worker did not start in 180 s:\n${handle.output.slice(-3000)}`);
        await sleep(100);
      }
      return handle;
    }),
  );
}

async function stopWorkers(handles: readonly WorkerHandle[]): Promise<void> {
  await Promise.all(
    handles.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** Peak resident memory (VmHWM, MiB) of every process under the given roots, sampled twice a second. */
class MemorySampler {
  readonly peaks = new Map<number, { name: string; root: number; mb: number }>();
  /** Whole-machine CPU counters (/proc/stat jiffies) over time: how busy the cores were, whoever used them. */
  readonly cpu: { at: number; busy: number; total: number }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly roots: () => readonly number[]) {}

  start(): void {
    const tick = () =>
      void this.sample()
        .catch(() => undefined)
        .finally(() => (this.timer = setTimeout(tick, 500)));
    tick();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.sample().catch(() => undefined);
  }

  private async sample(): Promise<void> {
    const fields = (await readFile("/proc/stat", "utf8")).split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    this.cpu.push({ at: Date.now(), busy: total - fields[3]! - (fields[4] ?? 0), total });
    const parent = new Map<number, number>();
    for (const entry of await readdir("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const fields = procStatFields(await readFile(`/proc/${entry}/stat`, "utf8").catch(() => ""));
      if (fields) parent.set(Number(entry), Number(fields[1]));
    }
    const rootOf = (pid: number): number | undefined => {
      for (let p: number | undefined = pid, hops = 0; p && hops < 20; p = parent.get(p), hops++) if (this.roots().includes(p)) return p;
      return undefined;
    };
    for (const pid of parent.keys()) {
      const root = rootOf(pid);
      if (root === undefined) continue;
      const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? "?";
      if (!hwm) continue;
      const mb = Number(hwm[1]) / 1024;
      const seen = this.peaks.get(pid);
      if (!seen || seen.mb < mb) this.peaks.set(pid, { name, root, mb });
    }
  }

  /** Share of the machine's CPU time that was busy between two instants (all processes, ours or not). */
  busyShare(from: number, to: number): number {
    const inside = this.cpu.filter((c) => c.at >= from && c.at <= to);
    if (inside.length < 2) return NaN;
    const [a, b] = [inside[0]!, inside.at(-1)!];
    return Math.round((100 * (b.busy - a.busy)) / Math.max(1, b.total - a.total)) / 100;
  }

  /** Per worker process: its own peak and its largest child (sandbox) peak, MiB. */
  summary(workers: readonly number[]): { pid: number; workerMb: number; largestSandboxMb: number; sandboxes: number }[] {
    return workers.map((pid) => {
      const children = [...this.peaks.entries()].filter(([p, v]) => v.root === pid && p !== pid);
      return {
        pid,
        workerMb: Math.round(this.peaks.get(pid)?.mb ?? 0),
        largestSandboxMb: Math.round(Math.max(0, ...children.map(([, v]) => v.mb))),
        sandboxes: children.length,
      };
    });
  }
}

async function waitForJob(prisma: PrismaClient, id: string, workers: readonly WorkerHandle[]) {
  for (;;) {
    const job = await prisma.job.findUniqueOrThrow({ where: { id } });
    if (job.status === "SUCCEEDED") return job;
    if (job.status === "FAILED" || job.status === "CANCELLED")
      throw new Error(`${job.queue} job ended ${job.status}: ${job.error}\n${workers.map((w) => w.output.slice(-2000)).join("\n---\n")}`);
    for (const w of workers) if (w.child.exitCode !== null) throw new Error(`a worker exited with ${w.child.exitCode}:\n${w.output.slice(-3000)}`);
    await sleep(250);
  }
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

interface Phase {
  readonly workers: number;
  readonly seconds: { import: number; apply: number; fit: number; total: number };
  readonly chunksPerWorker: number[];
  readonly peakMemoryMb: ReturnType<MemorySampler["summary"]>;
  /** How busy the machine's cores were during the apply (1 = every core all the time). */
  readonly cpuBusyDuringApply: number;
  readonly fingerprint: string;
  readonly labelModel: string | null;
}

const db = await createTestDatabase();
const uploadDir = await mkdtemp(join(tmpdir(), "alchemist-bench-scale-"));
const env = {
  APPLY_CHUNK_CONCURRENCY: String(CC),
  DATABASE_URL: db.url,
  REDIS_URL,
  QUEUE_PREFIX: PREFIX,
  UPLOAD_DIR: uploadDir,
  EXPORT_DIR: uploadDir,
  NODE_ENV: "production",
  SECRETS_KEY: randomBytes(32).toString("base64"),
};
const queues = {
  apply: new Queue(QUEUES.applyPrograms, { connection: { url: REDIS_URL }, prefix: PREFIX }),
  import: new Queue(QUEUES.importDataset, { connection: { url: REDIS_URL }, prefix: PREFIX }),
};
const prisma = db.prisma;
let running: WorkerHandle[] = [];
try {
  const project = await createProject(prisma, { name: "bench-scale" });
  await createTask(prisma, project.id, {
    name: "spam",
    description: "",
    input: "text",
    language: "javascript",
    functionName: "label_function",
    classes: [
      { name: "ham", description: "" },
      { name: "spam", description: "" },
    ],
  });
  for (const p of programSources(M)) await createProgram(prisma, { projectId: project.id, name: p.name, language: "JAVASCRIPT", source: p.source });
  const actorId = await createMember(prisma, project.id, "EDITOR");
  const uploadId = randomUUID();
  console.log(`bench:scale ${N.toLocaleString("en-US")} rows x ${M} programs, ${W} worker(s), ${CC} chunk job(s) at once per worker; writing the upload...`);
  await writeUpload(join(uploadDir, uploadFileName(uploadId, "csv")));
  let datasetId = "";
  let importSeconds = 0;

  /** Imports (first phase only), applies and fits with `count` workers; returns the phase's figures. */
  const phase = async (count: number): Promise<Phase> => {
    running = await startWorkers(count, env);
    const sampler = new MemorySampler(() => running.map((w) => w.child.pid!));
    sampler.start();
    if (!datasetId) {
      const t0 = performance.now();
      const payload = parseImportDatasetPayload({
        projectId: project.id,
        actorId,
        uploadId,
        format: "csv",
        fileName: "bench.csv",
        name: "bench",
        mapping: { input: ["text"], label: "label", id: "id" },
        classNames: ["ham", "spam"],
      });
      const jobId = randomUUID();
      const row = await createJob(prisma, { projectId: project.id, queue: QUEUES.importDataset, externalId: jobId, payload });
      await queues.import.add(QUEUES.importDataset, payload, { jobId, attempts: 1 });
      const done = await waitForJob(prisma, row.id, running);
      datasetId = (done.result as { datasetId: string }).datasetId;
      importSeconds = seconds(performance.now() - t0);
      console.log(`  import: ${importSeconds} s`);
    }
    const run = await createRun(prisma, { projectId: project.id, datasetId });
    const payload = parseApplyProgramsPayload({ projectId: project.id, runId: run.id, datasetId, actorId });
    const applyStart = Date.now();
    const row = await createJob(prisma, { projectId: project.id, runId: run.id, queue: QUEUES.applyPrograms, externalId: run.id, payload });
    await queues.apply.add(QUEUES.applyPrograms, payload, { jobId: run.id, attempts: 1 });
    const done = await waitForJob(prisma, row.id, running);
    await sampler.stop();
    const peakMemoryMb = sampler.summary(running.map((w) => w.child.pid!));
    await stopWorkers(running);
    running = [];
    const chunks = await prisma.job.findMany({ where: { runId: run.id, queue: QUEUES.applyChunk }, select: { finishedAt: true, result: true } });
    const lastChunk = Math.max(...chunks.map((c) => c.finishedAt!.getTime()));
    const cpuBusyDuringApply = sampler.busyShare(applyStart, lastChunk);
    // Worker processes stamp finishedAt with the same clock as Date.now() here (one machine).
    const applySeconds = seconds(lastChunk - applyStart);
    const fitSeconds = seconds(done.finishedAt!.getTime() - lastChunk);
    const perWorker = new Map<string, number>();
    for (const c of chunks) {
      const name = (c.result as { worker: string }).worker;
      perWorker.set(name, (perWorker.get(name) ?? 0) + 1);
    }
    const stored = (await getRun(prisma, run.id))!;
    const dataset = await prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } });
    const { L } = await assembleLabelMatrix(
      prisma,
      dataset,
      runPrograms(stored).map((p) => p.codeHash),
    );
    const probs = (await readPseudolabels(prisma, run.id)).probs;
    const fingerprint = createHash("sha256")
      .update(L.values)
      .update(new Uint8Array(probs.buffer))
      .update(JSON.stringify(runAnalysis(stored)))
      .update(stored.labelModel ?? "")
      .digest("hex");
    const figures: Phase = {
      workers: count,
      // End to end as if this phase had done the import too (the baseline imports; the W run reuses it).
      seconds: { import: importSeconds, apply: applySeconds, fit: fitSeconds, total: seconds((importSeconds + applySeconds + fitSeconds) * 1000) },
      chunksPerWorker: [...perWorker.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([, n]) => n),
      peakMemoryMb,
      cpuBusyDuringApply,
      fingerprint,
      labelModel: stored.labelModel,
    };
    console.log(
      `  ${count} worker(s): ${JSON.stringify({ seconds: figures.seconds, chunksPerWorker: figures.chunksPerWorker, labelModel: figures.labelModel, cpuBusyDuringApply, peakMemoryMb })}`,
    );
    return figures;
  };

  let baseline: Phase | null = null;
  if (W > 1) {
    console.log("same-run baseline: one worker process");
    baseline = await phase(1);
    // The W-worker run must compute every vote again, not reuse the baseline's.
    await prisma.programOutput.deleteMany({ where: { datasetId } });
  }
  console.log(`${W} worker process(es)`);
  const result = await phase(W);
  if (baseline)
    console.log(
      `1 worker vs ${W} workers (same run): apply ${baseline.seconds.apply} s vs ${result.seconds.apply} s (${(baseline.seconds.apply / result.seconds.apply).toFixed(2)}x), fit ${baseline.seconds.fit} s vs ${result.seconds.fit} s, end to end (import + apply + fit) ${baseline.seconds.total} s vs ${result.seconds.total} s`,
    );
  const maxMb = Math.max(
    ...result.peakMemoryMb.flatMap((p) => [p.workerMb, p.largestSandboxMb]),
    ...(baseline?.peakMemoryMb.flatMap((p) => [p.workerMb, p.largestSandboxMb]) ?? []),
  );
  console.log(
    JSON.stringify({
      rows: N,
      programs: M,
      workers: W,
      chunkConcurrency: CC,
      seconds: result.seconds,
      chunksPerWorker: result.chunksPerWorker,
      identicalToOneWorker: baseline ? baseline.fingerprint === result.fingerprint : true,
      cpuBusyDuringApply: result.cpuBusyDuringApply,
      ...(baseline
        ? { oneWorker: { seconds: baseline.seconds, chunksPerWorker: baseline.chunksPerWorker, cpuBusyDuringApply: baseline.cpuBusyDuringApply } }
        : { oneWorker: "this run" }),
      peakMemoryMb: { maxPerProcess: maxMb, workers: result.peakMemoryMb, benchProcess: Math.round(process.resourceUsage().maxRSS / 1024) },
    }),
  );
} finally {
  await stopWorkers(running);
  await Promise.all([queues.apply.obliterate({ force: true }).catch(() => undefined), queues.import.obliterate({ force: true }).catch(() => undefined)]);
  await Promise.all([queues.apply.close(), queues.import.close()]);
  await db.drop();
  await rm(uploadDir, { recursive: true, force: true });
}
