import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir, release } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** How to start one CPython sandbox (see cpython-launcher.py for the layers it sets up). */
export interface CpythonIsolation {
  readonly ok: true;
  /** `unshare`, run with an empty env. */
  readonly command: string;
  /** `unshare`'s arguments for a sandbox with this memory cap (`harnesses`: tests run their own code in the sandbox). */
  readonly args: (memoryMb: number, harnesses?: readonly string[]) => string[];
  /** What the probe saw from inside the sandbox (uid, root entries, network interfaces...). */
  readonly inside: Record<string, unknown>;
}
export type CpythonIsolationResult = CpythonIsolation | { readonly ok: false; readonly reason: string };

const LAUNCHER = fileURLToPath(new URL("./cpython-launcher.py", import.meta.url));
/** Concatenated in the sandbox: the shared Pyodide harness (lists, encoding, check), then the CPython zygote. */
const HARNESSES = ["./python-harness.py", "./cpython-harness.py"].map((p) => fileURLToPath(new URL(p, import.meta.url)));
/** Processes uid 65534 may have: a zygote and its one fork per sandbox, for every sandbox of every runner on the host. */
const NPROC = 256;
const PYTHONS = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"];
/** The only entries the private root may have. */
const ROOT_ENTRIES = new Set(["usr", "lib", "lib64", "lib32", "libx32", "bin", "sbin", "sandbox"]);

let probed: CpythonIsolationResult | undefined;

/** Shared libraries of `python` as ldd resolves them (absolute paths only). */
function sharedLibraries(python: string): string[] | string {
  const ldd = ["/usr/bin/ldd", "/bin/ldd"].find((p) => existsSync(p));
  if (!ldd) return "ldd not found";
  const run = spawnSync(ldd, [python], { encoding: "utf8", timeout: 10_000, env: {} });
  if (run.status !== 0) return `ldd ${python} failed: ${run.stderr.trim().slice(0, 200)}`;
  const libs = new Set<string>();
  for (const line of run.stdout.split("\n")) {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match) libs.add(match[1]!);
  }
  return [...libs];
}

/**
 * Decides once per process whether real CPython can run programs in full OS isolation, and how.
 * Required, all of it: util-linux `unshare` with new network, mount, PID, IPC and UTS namespaces
 * (plus a user namespace when not root), a private root (tmpfs + read-only binds of the
 * interpreter, its libraries and the stdlib, via pivot_root), the drop to uid/gid 65534 with no
 * groups and no_new_privs, and an empty environment. The probe starts one sandbox and checks from
 * the inside (uid, gid, groups, root entries, network interfaces, env, rlimits) that every layer
 * took; any failure gives `{ ok: false, reason }` and the caller falls back to Pyodide.
 *
 * @example
 * const iso = cpythonIsolation();
 * if (iso.ok) spawn(iso.command, iso.args(512), { env: {} });
 */
export function cpythonIsolation(): CpythonIsolationResult {
  probed ??= probe();
  return probed;
}

/**
 * What is wrong with a CPython sandbox, from what it reports about itself when it starts (every
 * sandbox does, not just the probe): "" when every isolation layer took.
 *
 * @example
 * isolationProblems({ uid: 65534, gid: 65534, groups: [], root: ["usr", "sandbox"], net: ["lo"], env: 0, fsize: 0 }); // ""
 */
export function isolationProblems(inside: Record<string, unknown>): string {
  const root = Array.isArray(inside.root) ? (inside.root as string[]) : ["?"];
  return [
    inside.uid !== 65534 || inside.gid !== 65534 ? `runs as uid ${String(inside.uid)} gid ${String(inside.gid)}` : "",
    !Array.isArray(inside.groups) || inside.groups.length ? "has supplementary groups" : "",
    root.some((e) => !ROOT_ENTRIES.has(e)) ? `private root has ${root.join(", ")}` : "",
    JSON.stringify(inside.net) !== JSON.stringify(["lo"]) ? `network interfaces ${JSON.stringify(inside.net)}` : "",
    inside.env !== 0 ? "environment not empty" : "",
    inside.fsize !== 0 ? "file size limit not 0" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/**
 * A passed probe is remembered on disk (per user) for as long as nothing it depended on changed:
 * the interpreter, unshare, the kernel, the uid, the launcher and harness files. The cache can only
 * choose CPython over Pyodide: every sandbox still checks its own isolation when it starts and is
 * refused if any layer is missing.
 */
function cacheFile(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "alchemist", "cpython-sandbox-probe.json");
}

function probeKey(python: string, unshare: string): string {
  const stamp = (path: string): string => {
    const s = statSync(path);
    return `${path}:${s.size}:${s.mtimeMs}`;
  };
  return JSON.stringify([process.getuid?.(), release(), stamp(python), stamp(unshare), ...[LAUNCHER, ...HARNESSES].map(stamp)]);
}

function readCachedProbe(key: string): { libs: string[]; inside: Record<string, unknown> } | undefined {
  try {
    const cached = JSON.parse(readFileSync(cacheFile(), "utf8")) as { key?: string; libs?: string[]; inside?: Record<string, unknown> };
    return cached.key === key && Array.isArray(cached.libs) && cached.inside && !isolationProblems(cached.inside)
      ? { libs: cached.libs, inside: cached.inside }
      : undefined;
  } catch {
    return undefined;
  }
}

function writeCachedProbe(key: string, libs: string[], inside: Record<string, unknown>): void {
  try {
    const file = cacheFile();
    mkdirSync(join(file, ".."), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ key, libs, inside }));
    renameSync(temp, file);
  } catch {
    // A read-only home only costs the next process its own probe.
  }
}

function probe(): CpythonIsolationResult {
  if (process.platform !== "linux") return { ok: false, reason: `needs Linux namespaces (platform is ${process.platform})` };
  const unshare = ["/usr/bin/unshare", "/bin/unshare"].find((p) => existsSync(p));
  if (!unshare) return { ok: false, reason: "util-linux unshare not found" };
  const found = PYTHONS.find((p) => existsSync(p));
  if (!found) return { ok: false, reason: `no system python3 at ${PYTHONS.join(", ")}` };
  const python = realpathSync(found);
  const key = probeKey(python, unshare);
  const cached = readCachedProbe(key);
  const libs = cached?.libs ?? sharedLibraries(python);
  if (typeof libs === "string") return { ok: false, reason: libs };
  const user = process.getuid?.() === 0 ? [] : ["--user", "--map-root-user"];
  const args = (memoryMb: number, harnesses: readonly string[] = HARNESSES): string[] => [
    ...user,
    "--net",
    "--mount",
    "--pid",
    "--fork",
    "--ipc",
    "--uts",
    "--kill-child",
    "--propagation",
    "private",
    python,
    "-I",
    "-S",
    "-B",
    LAUNCHER,
    python,
    harnesses.join(":"),
    String(memoryMb),
    String(NPROC),
    ...libs,
  ];
  if (cached) return { ok: true, command: unshare, args, inside: cached.inside };
  const run = spawnSync(unshare, args(256), { env: {}, input: "", timeout: 20_000, maxBuffer: 1 << 20 });
  const stderr = run.stderr?.toString("utf8").trim().split("\n").pop() ?? "";
  const stdout = run.stdout?.toString("utf8") ?? "";
  const body = stdout.slice(stdout.indexOf("\n") + 1);
  let ready: { ready?: boolean; inside?: Record<string, unknown> } = {};
  try {
    ready = JSON.parse(body) as typeof ready;
  } catch {
    return { ok: false, reason: `sandbox did not start (${run.error?.message ?? `exit ${run.status}`}${stderr ? `: ${stderr.slice(0, 300)}` : ""})` };
  }
  const inside = ready.inside ?? {};
  const problems = isolationProblems(inside);
  if (problems) return { ok: false, reason: `isolation incomplete: ${problems}` };
  writeCachedProbe(key, libs, inside);
  return { ok: true, command: unshare, args, inside };
}
