import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cpythonIsolation } from "./cpython-isolation";
import { SECRET, plantSecrets, watchedListener } from "./hostile/hostile-harness";

// The OS layers on their own: code that got past every Python-level guard (here: a "harness" with
// no audit hook, no import allowlist, full os/socket/ctypes at hand) runs inside the sandbox exactly
// as the real harness would, and still reaches no host file, process, secret or network.
const iso = cpythonIsolation();
const listener = await watchedListener();
const dir = mkdtempSync(join(tmpdir(), "alchemist-escaped-"));
const THIS_FILE = fileURLToPath(import.meta.url);
afterAll(async () => {
  await listener.close();
  rmSync(dir, { recursive: true, force: true });
});

const ESCAPED = `
import json, os, sys
out = {"uid": os.getuid(), "euid": os.geteuid(), "gid": os.getgid(), "groups": os.getgroups(), "pid": os.getpid(), "ppid": os.getppid(), "env": dict(os.environ)}
def attempt(name, fn):
    try:
        out[name] = ["ok", repr(fn())[:300]]
    except BaseException as e:
        out[name] = ["denied", type(e).__name__ + ": " + str(e)[:200]]
attempt("root", lambda: sorted(os.listdir("/")))
attempt("passwd", lambda: open("/etc/passwd").read())
attempt("proc_environ", lambda: open("/proc/self/environ", "rb").read())
attempt("repo_file", lambda: open(${JSON.stringify(THIS_FILE)}).read())
attempt("home", lambda: os.listdir("/root"))
attempt("write_sandbox", lambda: open("/sandbox/leak", "w").write("x"))
attempt("write_stdlib", lambda: open(os.path.join(sys.argv[1], "leak.py"), "w").write("x"))
attempt("write_tmp", lambda: open("/tmp/leak", "w").write("x"))
attempt("mkdir", lambda: os.mkdir("/newdir"))
attempt("dev_null", lambda: open("/dev/null", "w"))
attempt("setuid_root", lambda: os.setuid(0))
attempt("ctypes", lambda: __import__("ctypes").CDLL(None))
attempt("exec_shell", lambda: os.execv("/bin/sh", ["sh", "-c", "id"]))
attempt("kill_parent", lambda: os.kill(os.getppid() or 1, 0) if os.getppid() else "no parent in this pid namespace")
import resource
resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
attempt("fork_after_nproc_0", lambda: os.fork())
import socket
def connect():
    s = socket.socket()
    s.settimeout(2)
    s.connect(("127.0.0.1", ${listener.port}))
    return "CONNECTED"
attempt("loopback_connect", connect)
attempt("dns", lambda: socket.gethostbyname("example.com"))
attempt("interfaces", lambda: socket.if_nameindex())
attempt("memory_cap", lambda: len(bytearray(600 * 1024 * 1024)))
sys.stdout.write(json.dumps(out))
`;
import { testBudget } from "../testing/test-budget";

function runEscaped(): Promise<{ out: Record<string, unknown>; stderr: string }> {
  if (!iso.ok) throw new Error("unreachable");
  const file = join(dir, "escaped.py");
  writeFileSync(file, ESCAPED);
  return new Promise((resolve) => {
    const child = spawn(iso.command, iso.args(256, [file]), { env: {}, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", () => {
      let out: Record<string, unknown> = {};
      try {
        out = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        out = { unparsed: stdout };
      }
      resolve({ out, stderr });
    });
  });
}

describe.skipIf(!iso.ok)("CPython sandbox OS layers, with every Python-level guard gone", () => {
  it("the probe saw uid 65534, a private root with only the interpreter, and only loopback", () => {
    if (!iso.ok) return;
    expect(iso.inside).toMatchObject({ uid: 65534, gid: 65534, groups: [], net: ["lo"], env: 0, fsize: 0 });
  });

  it(
    "escaped code reaches no host file, secret, process or network",
    async () => {
      plantSecrets();
      const { out, stderr } = await runEscaped();
      if (process.env.SHOW_ESCAPED) console.log(JSON.stringify(out, null, 1));
      expect(stderr).toBe("");
      expect(JSON.stringify(out)).not.toContain(SECRET);
      expect(out).toMatchObject({ uid: 65534, euid: 65534, gid: 65534, groups: [], pid: 1, ppid: 0, env: {} });
      const root = JSON.parse(((out.root as string[])[1] ?? "[]").replaceAll("'", '"')) as string[];
      expect(root.every((e) => ["usr", "lib", "lib64", "sandbox"].includes(e))).toBe(true);
      for (const name of [
        "passwd",
        "proc_environ",
        "repo_file",
        "home",
        "write_sandbox",
        "write_stdlib",
        "write_tmp",
        "mkdir",
        "dev_null",
        "setuid_root",
        "ctypes",
        "exec_shell",
        "fork_after_nproc_0",
        "loopback_connect",
        "dns",
        "memory_cap",
      ]) {
        expect([name, (out[name] as string[])[0]]).toEqual([name, "denied"]);
      }
      expect((out.interfaces as string[])[1]).toBe("[(1, 'lo')]");
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(listener.connections()).toBe(0);
    },
    testBudget(60_000),
  );
});

describe.skipIf(iso.ok)("without the CPython sandbox", () => {
  it("says why (Python then runs in Pyodide)", () => {
    expect(iso.ok ? "" : iso.reason).toBeTruthy();
  });
});
