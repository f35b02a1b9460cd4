import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { createRng } from "@alchemist/engine";
import { addMember, createUserSession, getProjectTask, runPrograms, sessionCookie, setRunStatus, toTaskSpec, upsertPasswordUser } from "@alchemist/db";
import { createTestDatabase } from "@alchemist/db/testing";
import { analyseRun } from "../src/apply-programs/analyse-run";
import { cpuDelta, processCpu } from "./process-cpu";
import { SYNTHETIC_K as K, seedSyntheticProject } from "./seed-synthetic-project";

/**
 * `npm run bench:load [-- --smoke] [--build] [--url URL] [--duration S] [--connections N] [--users N] [--rows N] [--programs N] [--warmup S] [--per-endpoint S] [--only TEXT] [--profile DIR] [--keep]`
 *
 * Seeds a throwaway database with an N-row project (default 100,000 rows, 20 programs whose
 * votes are synthetic and seeded, analysed by the worker's analysis stage), creates signed-in
 * users (members with the editor role, database sessions signed like better-auth's cookies),
 * starts the built studio (`next start`, port 3217) and a worker, and drives it with autocannon:
 * 50 connections for 2 minutes over the main read pages and APIs plus a 10% mix of writes
 * (toggle a program, save a program version, annotate a row). Prints p50/p95/p99 latency per
 * endpoint and overall, throughput, the CPU a request cost the studio, Postgres and the worker
 * (from /proc), and every error; exits 1 on any error (transport error,
 * non-2xx, or a server action that answered `ok: false`).
 *
 * Needs a production build of apps/web: pass --build to build first (take the e2e lock around
 * the whole run on a shared machine: `flock /tmp/e2e.lock npm run bench:load -- --build`), or
 * --url to load an already running studio that uses the same DATABASE_URL (then nothing is seeded
 * there: use the printed DATABASE_URL).
 * `--smoke`: 10 s, 10 connections, 10 users, 5,000 rows x 5 programs (a CI-sized check; it still
 * needs the production build, so `npm test` runs it last, after the e2e run has built apps/web).
 */
/** The p95 latency of the requests started in each `windowMs` window (in start order): a run still warming up shows a falling series. */
function windowP95(timeline: readonly [number, number][], windowMs: number): string[] {
  let first = Infinity;
  for (const [started] of timeline) first = Math.min(first, started);
  const windows: number[][] = [];
  for (const [started, latency] of timeline) (windows[Math.floor((started - first) / windowMs)] ??= []).push(latency);
  // Array.from visits the holes of windows nobody started a request in (map would skip them).
  return Array.from(windows, (list) =>
    list
      ? percentile(
          list.sort((a, b) => a - b),
          95,
        ).toFixed(0)
      : "-",
  );
}

/** The part of autocannon's result this bench reads (the package ships no types). */
interface AutocannonResult {
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly requests: { readonly average: number; readonly total: number };
  readonly throughput: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p97_5: number; readonly p99: number; readonly max: number };
}
const autocannon = createRequire(import.meta.url)("autocannon") as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const NEXT_BIN = join(ROOT, "node_modules/next/dist/bin/next");
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got "${argv[i + 1]}"`);
  return value;
};
const smoke = flag("smoke");
const duration = option("duration", smoke ? 10 : 120);
const connections = option("connections", smoke ? 10 : 50);
const userCount = option("users", smoke ? 10 : 50);
const n = option("rows", smoke ? 5000 : 100_000);
const m = option("programs", smoke ? 5 : 20);
const port = option("port", 3217);
const SECRET = "bench-load-only-secret-0123456789abcdef0123";
const PREFIX = `bench-load-${process.pid}`;
const profileDir = argv.includes("--profile") ? resolve(argv[argv.indexOf("--profile") + 1] ?? "") : null;

const children: ChildProcess[] = [];
const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
// Each child leads its own process group, so a server's own children go with it.
const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
};
let stopping = false;
const stopChildren = async () => {
  stopping = true;
  for (const child of children) if (alive(child)) signalGroup(child, "SIGTERM");
  // A profiled studio writes its CPU profile on exit: give it the time to.
  const deadline = Date.now() + (profileDir ? 20_000 : 1500);
  while (Date.now() < deadline && children.some(alive)) await sleep(100);
  for (const child of children) signalGroup(child, "SIGKILL");
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopChildren().finally(() => process.exit(130)));

const outputs = new WeakMap<ChildProcess, () => string>();

function start(command: string, args: string[], cwd: string, env: Record<string, string>, name: string): ChildProcess {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let tail = "";
  let all = "";
  outputs.set(child, () => all);
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-4000);
    if (all.length < 100_000) all += chunk.toString("utf8");
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.on("exit", (code, signal) => {
    if (code && code !== 0 && !stopping) console.error(`[bench] ${name} exited ${code ?? signal}:\n${tail}`);
  });
  children.push(child);
  return child;
}

/** Refuses to load a server that is already on the port (it would be another database's). */
async function assertPortFree(port: number): Promise<void> {
  const inUse = await fetch(`http://127.0.0.1:${port}/api/health`).then(
    () => true,
    () => false,
  );
  if (inUse) throw new Error(`port ${port} is already in use (a studio left running?): stop it or pass --port`);
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** The build's id of an exported server action (from Next's server-reference manifest), or null. */
function actionId(exportedName: string): string | null {
  const path = join(ROOT, "apps/web/.next/server/server-reference-manifest.json");
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(readFileSync(path, "utf8")) as { node?: Record<string, { exportedName?: string; filename?: string }> };
  for (const [id, entry] of Object.entries(manifest.node ?? {}))
    if (entry.exportedName === exportedName && (entry.filename ?? "").includes("programs/actions")) return id;
  return null;
}

/** A server action's request body exactly as React's client encodes it (encodeReply). */
async function actionBody(args: unknown[]): Promise<{ body: string; contentType: string }> {
  const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.edge.js") as {
    encodeReply: (v: unknown) => Promise<string | FormData>;
  };
  const encoded = await encodeReply(args);
  const response = new Response(encoded);
  return { body: await response.text(), contentType: response.headers.get("content-type") ?? "text/plain;charset=UTF-8" };
}

/**
 * The jobs stream answers signed-in users with server-sent events (a full `jobs` event first)
 * and refuses signed-out ones; it is long-lived, so it is checked here and not put in the mix.
 */
async function checkJobStream(base: string, projectId: string, cookie: string): Promise<void> {
  const url = `${base}/api/projects/${projectId}/jobs/stream`;
  const anonymous = await fetch(url);
  if (anonymous.status !== 401) throw new Error(`jobs stream without a session answered ${anonymous.status}, expected 401`);
  await anonymous.body?.cancel();
  const abort = new AbortController();
  const response = await fetch(url, { headers: { cookie }, signal: abort.signal });
  if (response.status !== 200 || !response.headers.get("content-type")?.startsWith("text/event-stream"))
    throw new Error(`jobs stream answered ${response.status} ${response.headers.get("content-type")}`);
  const reader = response.body!.getReader();
  let text = "";
  const deadline = Date.now() + 10_000;
  while (!/event: jobs\ndata: \{"full":true/.test(text) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  abort.abort();
  if (!/event: jobs\ndata: \{"full":true/.test(text)) throw new Error(`jobs stream sent no full jobs event in 10 s: ${text.slice(0, 300)}`);
  console.log("[bench] jobs stream: 401 signed out, text/event-stream with a full jobs event signed in");
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

const db = await createTestDatabase();
let exitCode = 0;
try {
  // --- seed ---------------------------------------------------------------------------------
  let t = performance.now();
  const { project, dataset, run, programIds } = await seedSyntheticProject(db.prisma, {
    name: "bench-load",
    n,
    m,
    programSource: (j) => `def label_function(x):\n    return ${j % K} if "topic ${j % K}" in x else -1\n`,
  });
  await analyseRun(db.prisma, {
    runId: run.id,
    dataset,
    task: toTaskSpec(await getProjectTask(db.prisma, project.id)),
    programs: runPrograms(run),
    fit: !smoke,
  });
  await setRunStatus(db.prisma, run.id, "SUCCEEDED");
  const cookies: string[] = [];
  for (let u = 0; u < userCount; u++) {
    const user = await upsertPasswordUser(db.prisma, { email: `bench${u}@load.test`, password: `bench-password-${u}-0123456789` });
    await addMember(db.prisma, project.id, user.id, u === 0 ? "OWNER" : "EDITOR");
    const { token } = await createUserSession(db.prisma, user.id);
    const c = sessionCookie(token, SECRET);
    cookies.push(`${c.name}=${c.value}`);
  }
  const devRows = await db.prisma.row.findMany({ where: { datasetId: dataset.id, split: "TRAIN" }, select: { id: true }, take: 2000 });
  console.log(`[bench] seeded ${n} rows x ${m} programs, ${userCount} users in ${((performance.now() - t) / 1000).toFixed(1)} s (database ${db.url})`);

  // --- studio + worker ----------------------------------------------------------------------
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    QUEUE_PREFIX: PREFIX,
    UPLOAD_DIR: join(tmpdir(), "alchemist-bench-uploads"),
    // Bench-only key (32 bytes, base64): production mode requires one to encrypt provider keys.
    SECRETS_KEY: Buffer.from("bench-load-only-secrets-key-32b!").toString("base64"),
    BETTER_AUTH_SECRET: SECRET,
    BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  const webDir = join(ROOT, "apps/web");
  let webChild: ChildProcess | null = null;
  let workerChild: ChildProcess | null = null;
  let base = argv.includes("--url") ? argv[argv.indexOf("--url") + 1]! : `http://127.0.0.1:${port}`;
  if (!argv.includes("--url")) {
    if (flag("build")) {
      t = performance.now();
      const build = start(process.execPath, [NEXT_BIN, "build"], webDir, env, "next build");
      const code = await new Promise<number | null>((done) => build.on("exit", done));
      if (code !== 0) throw new Error(`next build failed (${code})`);
      console.log(`[bench] next build in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
    if (!existsSync(join(webDir, ".next/BUILD_ID")))
      throw new Error("apps/web has no production build: run with --build (under the e2e lock on a shared machine)");
    await assertPortFree(port);
    // --profile DIR: V8 CPU profiles of the studio (written when it exits) and slow-query logging.
    const profileArgs = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
    // The production launcher (`npm start -w @alchemist/web`): next start in WEB_CONCURRENCY processes (default one per CPU).
    webChild = start(process.execPath, [...profileArgs, join(webDir, "scripts/start.mjs"), "-H", "127.0.0.1", "-p", String(port)], webDir, env, "next start");
    const worker = (workerChild = start(process.execPath, ["--import", "tsx", join(ROOT, "worker/src/main.ts")], ROOT, env, "worker"));
    base = `http://127.0.0.1:${port}`;
    // The worker compiles its TypeScript as it starts: let that finish before the clock starts.
    const deadline = Date.now() + 120_000;
    while (!/listening/.test(outputs.get(worker)!()) && Date.now() < deadline && alive(worker)) await sleep(250);
  }
  await waitForHttp(`${base}/api/health`, 120_000);
  const P = `/projects/${project.id}`;
  // Warm every page once (first renders compile nothing in production, but fill caches and pools).
  for (const path of [P, `${P}/analysis`, `${P}/datasets/${dataset.id}`, `${P}/jobs`]) await fetch(`${base}${path}`, { headers: { cookie: cookies[0]! } });

  await checkJobStream(base, project.id, cookies[0]!);

  // --- the request mix ----------------------------------------------------------------------
  const toggleId = actionId("toggleProgramAction");
  const saveId = actionId("saveVersionAction");
  if (!toggleId || !saveId)
    console.warn(`[bench] server action ids not found in the build's manifest (toggle ${toggleId}, save ${saveId}): those writes are left out`);
  const pages = Math.ceil(n / 50);
  type Kind = {
    name: string;
    weight: number;
    build: (
      r: () => number,
    ) =>
      | Promise<{ method: string; path: string; body?: string; headers?: Record<string, string> }>
      | { method: string; path: string; body?: string; headers?: Record<string, string> };
  };
  const sortKeys = ["coverage", "accuracy", "conflicts", "overlaps", "name"];
  const kinds: Kind[] = [
    { name: "project page (programs table)", weight: 18, build: () => ({ method: "GET", path: P }) },
    {
      name: "programs table sorted/filtered",
      weight: 10,
      build: (r) => ({
        method: "GET",
        path: `${P}?sort=${sortKeys[Math.floor(r() * sortKeys.length)]}&dir=${r() < 0.5 ? "asc" : "desc"}${r() < 0.3 ? "&q=lf_1" : ""}`,
      }),
    },
    { name: "analysis page", weight: 14, build: () => ({ method: "GET", path: `${P}/analysis` }) },
    {
      name: "analysis click-through",
      weight: 8,
      build: (r) => ({ method: "GET", path: `${P}/analysis?view=fires&p=${Math.floor(r() * m)}&page=${1 + Math.floor(r() * 20)}` }),
    },
    { name: "rows page", weight: 16, build: (r) => ({ method: "GET", path: `${P}/datasets/${dataset.id}?page=${1 + Math.floor(r() * pages)}` }) },
    { name: "jobs page", weight: 6, build: () => ({ method: "GET", path: `${P}/jobs` }) },
    { name: "jobs API", weight: 18, build: () => ({ method: "GET", path: `/api/projects/${project.id}/jobs` }) },
    {
      name: "annotate (review API)",
      weight: 4,
      build: (r) => ({
        method: "POST",
        path: `/api/projects/${project.id}/review`,
        body: JSON.stringify({ rowId: devRows[Math.floor(r() * devRows.length)]!.id, label: Math.floor(r() * K), correct: true }),
        headers: { "content-type": "application/json" },
      }),
    },
  ];
  if (toggleId) {
    kinds.push({
      name: "toggle program (action)",
      weight: 3,
      build: async (r) => {
        const form = new FormData();
        form.set("projectId", project.id);
        // The switch pressed: "<programId>:<true|false>" (the table's one toggle form).
        form.set("toggle", `${programIds[Math.floor(r() * programIds.length)]!}:${r() < 0.5}`);
        // useActionState's signature: (previous state, form data).
        const { body, contentType } = await actionBody([null, form]);
        return { method: "POST", path: P, body, headers: { "content-type": contentType, "next-action": toggleId, accept: "text/x-component" } };
      },
    });
  }
  if (saveId) {
    kinds.push({
      name: "save program version (action)",
      weight: 3,
      build: async (r) => {
        const j = Math.floor(r() * programIds.length);
        const form = new FormData();
        for (const [k, v] of Object.entries({
          projectId: project.id,
          programId: programIds[j]!,
          language: "python",
          source: `def label_function(x):\n    return ${j % K} if "topic ${j % K}" in x else -1  # v${Math.floor(r() * 1e9)}\n`,
        }))
          form.set(k, v);
        const { body, contentType } = await actionBody([null, form]);
        return {
          method: "POST",
          path: `${P}/programs/${programIds[j]}`,
          body,
          headers: { "content-type": contentType, "next-action": saveId, accept: "text/x-component" },
        };
      },
    });
  }
  // Pre-build a seeded pool of requests (encoding actions is async; autocannon's setupRequest is not).
  // --only TEXT: the endpoints whose name holds TEXT (to profile one page with --profile).
  const only = argv.includes("--only") ? (argv[argv.indexOf("--only") + 1] ?? "") : "";
  if (only) kinds.splice(0, kinds.length, ...kinds.filter((k) => k.name.includes(only)));
  if (kinds.length === 0) throw new Error(`--only "${only}" matches no endpoint`);
  const totalWeight = kinds.reduce((s, k) => s + k.weight, 0);
  const buildPool = async (seed: number) => {
    const pickRng = createRng(seed);
    const requests: { kind: string; method: string; path: string; body?: string; headers: Record<string, string> }[] = [];
    for (let i = 0; i < 4000; i++) {
      let x = pickRng() * totalWeight;
      const kind = kinds.find((k) => (x -= k.weight) < 0) ?? kinds[0]!;
      const req = await kind.build(pickRng);
      requests.push({
        kind: kind.name,
        method: req.method,
        path: req.path,
        ...(req.body ? { body: req.body } : {}),
        headers: { ...(req.headers ?? {}), cookie: cookies[i % cookies.length]! },
      });
    }
    return requests;
  };
  const pool = await buildPool(7);
  // Warm-up and per-endpoint phases draw from another seed: the measured run saves code no earlier
  // phase saved, so none of its saves skips the worker's check through the passed-checks cache.
  const warmPool = await buildPool(8);

  // CPU each request costs the studio, the worker and Postgres (this database's backends): a
  // machine-independent measure of the work, beside latency, which depends on the machine.
  const dbName = new URL(db.url).pathname.slice(1);
  // Each child leads its own process group: the studio's cluster processes are in the web's.
  const groupOf = new Map<number, string>();
  if (webChild?.pid) groupOf.set(webChild.pid, "web");
  if (workerChild?.pid) groupOf.set(workerChild.pid, "worker");
  const cpu = () =>
    processCpu((pid, commandLine, processGroup) => {
      if (commandLine.startsWith("postgres:") && commandLine.includes(` ${dbName} `)) return "postgres";
      if (pid === process.pid) return "bench";
      return groupOf.get(processGroup) ?? null;
    });
  const cpuPerRequest = (used: Map<string, number>, requests: number) =>
    ["web", "postgres", "worker", "bench"].map((group) => `${group} ${((1000 * (used.get(group) ?? 0)) / Math.max(1, requests)).toFixed(1)}`).join(", ");

  const samples: string[] = [];
  const drive = async (requests: typeof pool, seconds: number) => {
    const latencies = new Map<string, number[]>(kinds.map((k) => [k.name, []]));
    // [started, latency] of every answer, for the latency over the run's course.
    const timeline: [number, number][] = [];
    const failures = new Map<string, number>();
    const fail = (kind: string, what: string) => {
      failures.set(kind, (failures.get(kind) ?? 0) + 1);
      if (samples.length < 10) samples.push(`${kind}: ${what}`);
    };
    let next = 0;
    const result = await autocannon({
      url: base,
      connections,
      duration: seconds,
      timeout: 30,
      requests: [
        {
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
            const item = requests[next++ % requests.length]!;
            context.kind = item.kind;
            context.started = performance.now();
            return { ...req, method: item.method, path: item.path, headers: item.headers, ...(item.body ? { body: item.body } : {}) };
          },
          onResponse: (status: number, body: string, context: Record<string, unknown>) => {
            const kind = String(context.kind);
            const started = Number(context.started);
            const latency = performance.now() - started;
            latencies.get(kind)?.push(latency);
            timeline.push([started, latency]);
            if (status >= 400) fail(kind, `HTTP ${status}: ${String(body).slice(0, 200)}`);
            // A server action reports its own errors inside a 200 answer.
            else if (kind.includes("(action)") && /"ok":false/.test(String(body)))
              fail(kind, `action error: ${String(body).match(/"error":"[^"]*"/)?.[0] ?? String(body).slice(0, 200)}`);
          },
        },
      ],
    });
    return { result, latencies, failures, timeline };
  };
  /** Every error a phase met: transport errors, timeouts, non-2xx answers and actions that answered `ok: false`. */
  const errorsIn = ({ result, failures }: Awaited<ReturnType<typeof drive>>) =>
    result.errors + result.timeouts + result.non2xx + [...failures.values()].reduce((s, v) => s + v, 0);
  let earlierErrors = 0;

  // --per-endpoint S: each endpoint alone for S seconds first (its own latency, size and CPU per request).
  const perEndpoint = argv.includes("--per-endpoint") ? option("per-endpoint", 15) : 0;
  if (perEndpoint) {
    console.log(`\n[bench] each endpoint alone, ${connections} connections x ${perEndpoint} s; CPU ms per request by process`);
    for (const kind of kinds) {
      const before = cpu();
      const phase = await drive(
        warmPool.filter((item) => item.kind === kind.name),
        perEndpoint,
      );
      const { result, latencies } = phase;
      earlierErrors += errorsIn(phase);
      const list = latencies.get(kind.name)!.sort((a, b) => a - b);
      const used = cpuDelta(before, cpu());
      console.log(
        `${kind.name.padEnd(36)} ${(list.length / perEndpoint).toFixed(1).padStart(7)} req/s  p50 ${percentile(list, 50).toFixed(0).padStart(5)} ms  p95 ${percentile(list, 95).toFixed(0).padStart(5)} ms  ${(result.throughput.total / Math.max(1, list.length) / 1024).toFixed(0).padStart(4)} KiB  cpu ms: ${cpuPerRequest(used, list.length)}`,
      );
    }
  }

  // --warmup S (default 45 s, none with --smoke): the same mix, unmeasured, so the run measures a
  // studio in its steady state (JIT-compiled, pools and caches filled), not one just started. 15 s
  // was too short: the p95 of each 10 s window of the measured run still fell for its first 20-30 s
  // (web CPU per request 11.3 ms over a 40 s run after 15 s, 9.2 ms over 60 s after 45 s).
  const warmup = argv.includes("--warmup") ? option("warmup", 45) : smoke ? 0 : 45;
  if (warmup > 0) {
    const warm = await drive(warmPool, warmup);
    earlierErrors += errorsIn(warm);
    console.log(`[bench] warm-up: ${warm.result.requests.total} requests in ${warmup} s (not measured), ${errorsIn(warm)} errors`);
  }
  console.log(`[bench] ${connections} connections x ${duration} s against ${base} (${kinds.length} endpoints, ${userCount} users)`);
  const countVersions = () => db.prisma.programVersion.count({ where: { program: { projectId: project.id } } });
  const countAnnotations = () => db.prisma.annotation.count({ where: { row: { datasetId: dataset.id } } }).catch(() => -1);
  const versionsBefore = await countVersions();
  const annotationsBefore = await countAnnotations();
  const cpuBefore = cpu();
  const measured = await drive(pool, duration);
  const { result, latencies, failures, timeline } = measured;
  const cpuUsed = cpuDelta(cpuBefore, cpu());

  // --- report -------------------------------------------------------------------------------
  const all: number[] = [];
  console.log("\nendpoint                               requests     p50      p95      p99   errors");
  for (const kind of kinds) {
    const list = latencies.get(kind.name)!.sort((a, b) => a - b);
    all.push(...list);
    console.log(
      `${kind.name.padEnd(36)} ${String(list.length).padStart(9)} ${percentile(list, 50).toFixed(0).padStart(6)} ms ${percentile(list, 95).toFixed(0).padStart(5)} ms ${percentile(list, 99).toFixed(0).padStart(5)} ms ${String(failures.get(kind.name) ?? 0).padStart(6)}`,
    );
  }
  all.sort((a, b) => a - b);
  const appErrors = [...failures.values()].reduce((s, v) => s + v, 0);
  console.log(
    `${"all".padEnd(36)} ${String(all.length).padStart(9)} ${percentile(all, 50).toFixed(0).padStart(6)} ms ${percentile(all, 95).toFixed(0).padStart(5)} ms ${percentile(all, 99).toFixed(0).padStart(5)} ms ${String(appErrors).padStart(6)}`,
  );
  console.log(
    `\nthroughput: ${result.requests.average.toFixed(1)} req/s average (${result.requests.total} requests in ${duration} s), ${(result.throughput.average / 1024).toFixed(0)} KiB/s`,
  );
  console.log(`CPU ms per request: ${cpuPerRequest(cpuUsed, all.length)}`);
  console.log(`p95 by 10 s window of the run (ms, by start time): ${windowP95(timeline, 10_000).join(" ")}`);
  console.log(`autocannon latency: p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  console.log(`errors: ${result.errors} transport, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ${appErrors} counted by endpoint`);
  for (const s of samples) console.log(`  - ${s}`);
  // The writes must have happened, not only answered 200.
  const sent = (name: string) => latencies.get(name)?.length ?? 0;
  const versions = (await countVersions()) - versionsBefore;
  const annotatedRows = await countAnnotations();
  const annotations = annotatedRows - annotationsBefore;
  console.log(
    `writes applied: ${versions} program versions saved (${sent("save program version (action)")} requests), ${annotations} rows newly annotated (${sent("annotate (review API)")} requests, repeats update)`,
  );
  const missingWrites = (saveId && sent("save program version (action)") > 0 && versions <= 0) || (sent("annotate (review API)") > 0 && annotatedRows === 0);
  if (missingWrites) console.error("[bench] writes answered but did not change the database");
  if (errorsIn(measured) + earlierErrors > 0 || missingWrites) exitCode = 1;
} catch (error) {
  console.error(`[bench] ${(error as Error).stack ?? error}`);
  exitCode = 1;
} finally {
  await stopChildren();
  if (!flag("keep")) await db.drop().catch(() => undefined);
}
process.exit(exitCode);
