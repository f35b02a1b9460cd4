import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { conflictReviewOrder, entropyReviewOrder } from "@alchemist/engine";
import {
  addMember,
  assembleLabelMatrix,
  createUserSession,
  getProjectTask,
  readRunEntropy,
  runPrograms,
  saveReviewOrder,
  sessionCookie,
  setRunStatus,
  toTaskSpec,
  upsertPasswordUser,
} from "@alchemist/db";
import { createTestDatabase } from "@alchemist/db/testing";
import { analyseRun } from "../src/apply-programs/analyse-run";
import { SYNTHETIC_K as K, seedSyntheticProject } from "./seed-synthetic-project";

/**
 * `npm run bench:pages [-- --rows N] [--programs M] [--samples S] [--build] [--port P]`
 *
 * Time to first byte of the studio's heavy pages at scale (issue 15's bar: under 300 ms at 100k
 * rows): seeds a throwaway database with the benches' synthetic project (default 100,000 rows x
 * 20 programs, analysed and label model fitted, both review orders stored as the review-order job
 * stores them), starts the production build (`next start`, one process) signed in as the owner,
 * and requests each page S times one after another (after two warm-up requests, the first of
 * which, on cold caches, is printed as "first"): the analysis
 * page, the rows page plain, with a full-text search, with filters (split + conflict, a program's
 * vote sorted by confidence, a confidence range), a deep page and a row drawer, and the review
 * page in both orders. Prints median and p95 of the time to the response headers (TTFB) and to
 * the last byte per page, and each median as a ratio of `/api/health` measured the same way in
 * the same run (the baseline: the server's fixed cost per request).
 *
 * Needs a production build of apps/web: pass --build to build first (on a shared machine, under
 * the heavy lock: `flock /tmp/alchemist-heavy.lock npm run bench:pages -- --build`).
 */
const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const NEXT_BIN = join(ROOT, "node_modules/next/dist/bin/next");
const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got "${argv[i + 1]}"`);
  return value;
};
const n = option("rows", 100_000);
const m = option("programs", 20);
const samples = option("samples", 15);
const port = option("port", 3218);
const SECRET = "bench-pages-only-secret-0123456789abcdef012";
const BAR_MS = 300;

const children: ChildProcess[] = [];
const stopChildren = () => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => (stopChildren(), process.exit(130)));

function start(args: string[], cwd: string, env: Record<string, string>, name: string): ChildProcess {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let tail = "";
  const keep = (chunk: Buffer) => void (tail = (tail + chunk.toString("utf8")).slice(-4000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("exit", (code) => {
    if (code) console.error(`[bench] ${name} exited ${code}:\n${tail}`);
  });
  children.push(child);
  return child;
}

/** One request: ms to the response headers (TTFB) and to the last body byte; throws on a non-200. */
async function timed(url: string, cookie: string): Promise<{ ttfb: number; total: number; bytes: number }> {
  const t0 = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const ttfb = performance.now() - t0;
  const body = await response.arrayBuffer();
  const total = performance.now() - t0;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${new TextDecoder().decode(body).slice(0, 300)}`);
  return { ttfb, total, bytes: body.byteLength };
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

const db = await createTestDatabase();
let exitCode = 0;
try {
  let t = performance.now();
  const { project, dataset, run, programIds } = await seedSyntheticProject(db.prisma, {
    name: "bench-pages",
    n,
    m,
    programSource: (j) => `def label_function(x):\n    return ${j % K} if "topic ${j % K}" in x else -1\n`,
  });
  await analyseRun(db.prisma, { runId: run.id, dataset, task: toTaskSpec(await getProjectTask(db.prisma, project.id)), programs: runPrograms(run), fit: true });
  await setRunStatus(db.prisma, run.id, "SUCCEEDED");
  // Both review orders, as the review-order job stores them (pages only read them).
  const { L } = await assembleLabelMatrix(
    db.prisma,
    dataset,
    runPrograms(run).map((p) => p.codeHash),
  );
  await saveReviewOrder(db.prisma, { runId: run.id, kind: "conflict", order: conflictReviewOrder(L), pseudolabelsAt: null });
  const { entropy, stamp } = await readRunEntropy(db.prisma, run.id, dataset);
  await saveReviewOrder(db.prisma, { runId: run.id, kind: "uncertainty", order: entropyReviewOrder(entropy), pseudolabelsAt: stamp });
  const user = await upsertPasswordUser(db.prisma, { email: "owner@pages.bench", password: "bench-pages-password-0123456789" });
  await addMember(db.prisma, project.id, user.id, "OWNER");
  const c = sessionCookie((await createUserSession(db.prisma, user.id)).token, SECRET);
  const cookie = `${c.name}=${c.value}`;
  console.log(
    `[bench] seeded ${n} rows x ${m} programs (analysed, label model fitted, review orders stored) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const webDir = join(ROOT, "apps/web");
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    QUEUE_PREFIX: `bench-pages-${process.pid}`,
    UPLOAD_DIR: join(tmpdir(), "alchemist-bench-uploads"),
    SECRETS_KEY: Buffer.from("bench-pages-only-secret-key-32b!").toString("base64"),
    BETTER_AUTH_SECRET: SECRET,
    BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  if (argv.includes("--build")) {
    t = performance.now();
    const build = start([NEXT_BIN, "build"], webDir, env, "next build");
    const code = await new Promise<number | null>((done) => build.on("exit", done));
    if (code !== 0) throw new Error(`next build failed (${code})`);
    console.log(`[bench] next build in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  if (!existsSync(join(webDir, ".next/BUILD_ID")))
    throw new Error("apps/web has no production build: run with --build (under the heavy lock on a shared machine)");
  // One process, so every sample hits the same warm server.
  start([NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], webDir, env, "next start");
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (
    !(await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error(`${base}/api/health did not answer within 120 s`);
    await sleep(500);
  }

  const P = `/projects/${project.id}`;
  const D = `${P}/datasets/${dataset.id}`;
  const pages: [string, string][] = [
    ["baseline: /api/health", "/api/health"],
    ["analysis", `${P}/analysis`],
    ["rows", D],
    ['rows: search "topic 1 filler"', `${D}?q=${encodeURIComponent("topic 1 filler")}`],
    ["rows: search + split=dev", `${D}?q=${encodeURIComponent("message 4")}&split=dev`],
    ["rows: split=dev & conflict", `${D}?split=dev&conflict=yes`],
    ["rows: program votes c1, by confidence", `${D}?prog=${programIds[3]}&vote=1&sort=-confidence`],
    ["rows: confidence 0.4-0.6 + gold c2", `${D}?cmin=0.4&cmax=0.6&gold=2`],
    ["rows: page 1,500", `${D}?page=1500`],
    ["rows: drawer (row 54,321)", `${D}?row=54320`],
    ["review (conflict)", `${P}/review?order=conflict`],
    ["review (uncertainty)", `${P}/review?order=uncertainty`],
  ];
  const results: { name: string; first: number; ttfb: number[]; total: number[]; bytes: number }[] = [];
  for (const [name, path] of pages) {
    // The first request of a page finds cold caches (the rows page keeps vote columns per process): reported apart.
    const first = (await timed(`${base}${path}`, cookie)).ttfb;
    await timed(`${base}${path}`, cookie);
    const ttfb: number[] = [];
    const total: number[] = [];
    let bytes = 0;
    for (let s = 0; s < samples; s++) {
      const r = await timed(`${base}${path}`, cookie);
      ttfb.push(r.ttfb);
      total.push(r.total);
      bytes = r.bytes;
    }
    results.push({ name, first, ttfb, total, bytes });
  }
  const baseline = quantile(results[0]!.ttfb, 0.5);
  console.log(`\n${n.toLocaleString("en")} rows x ${m} programs, ${samples} sequential requests per page after 2 warm-ups, one next start process`);
  console.log(
    `${"page".padEnd(40)} ${"first".padStart(7)} ${"TTFB p50".padStart(9)} ${"TTFB p95".padStart(9)} ${"total p50".padStart(10)} ${"KiB".padStart(6)} ${"x health".padStart(9)}  bar`,
  );
  for (const r of results) {
    const p50 = quantile(r.ttfb, 0.5);
    const ok = r === results[0] || p50 < BAR_MS;
    if (!ok) exitCode = 1;
    console.log(
      `${r.name.padEnd(40)} ${r.first.toFixed(0).padStart(5)}ms ${p50.toFixed(0).padStart(7)}ms ${quantile(r.ttfb, 0.95).toFixed(0).padStart(7)}ms ${quantile(r.total, 0.5).toFixed(0).padStart(8)}ms ${(r.bytes / 1024).toFixed(0).padStart(6)} ${(p50 / baseline).toFixed(1).padStart(8)}x  ${r === results[0] ? "" : ok ? `< ${BAR_MS} ms` : `OVER ${BAR_MS} ms`}`,
    );
  }
} catch (error) {
  console.error(`[bench] ${(error as Error).stack ?? error}`);
  exitCode = 1;
} finally {
  stopChildren();
  await db.drop().catch(() => undefined);
}
process.exit(exitCode);
