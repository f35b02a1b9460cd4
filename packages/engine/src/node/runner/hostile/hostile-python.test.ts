import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplyResult, ProgramRunner } from "../../../core/program";
import { createLocalRunner } from "../create-local-runner";
import { cpythonIsolation } from "../cpython-isolation";
import { CLASSES, INPUTS, SECRET, controlStillWorks, plantSecrets, pyCase, verdict, watchedListener, type HostileCase } from "./hostile-harness";
import { testBudget } from "../../testing/test-budget";

// Python programs that try to get out, hog or poison the runtime, run on BOTH Python runtimes:
// Pyodide (always) and the CPython sandbox (where the OS allows it; CI on Linux as root does).
// One runner with one child, so pollution cases really share a sandbox with the program after them.
const listener = await watchedListener();
const PORT = listener.port;
const OS_WALK =
  "def label_function(t):\n    for c in ().__class__.__base__.__subclasses__():\n        if c.__name__ == '_wrap_close':\n            g = c.__init__.__globals__\n";
type Runtime = "pyodide" | "cpython";
const POSIX = "P = len.__self__.__import__('posix')\n";
const casesFor = (runtime: Runtime): HostileCase[] => [
  pyCase("py-read-file", "def label_function(t):\n    return open('/etc/passwd').read()\n", "exception", { error: /cannot open files/ }),
  pyCase("py-write-file", "def label_function(t):\n    open('/tmp/alchemist-hostile', 'w').write('x')\n    return 1\n", "exception"),
  pyCase("py-io-module", "import io\ndef label_function(t):\n    return io.open('/etc/hostname').read()\n", "exception", {
    error: /import of io is not allowed/,
  }),
  pyCase("py-pathlib", "from pathlib import Path\ndef label_function(t):\n    return Path('/work').exists()\n", "exception"),
  pyCase("py-listdir", "import os\ndef label_function(t):\n    return str(os.listdir('/'))\n", "exception", { error: /import of os is not allowed/ }),
  pyCase("py-env", "import os\ndef label_function(t):\n    return os.environ.get('DATABASE_URL')\n", "exception"),
  pyCase(
    "py-socket-loopback",
    `import socket\ndef label_function(t):\n    socket.create_connection(('127.0.0.1', ${PORT}), timeout=1)\n    return 1\n`,
    "exception",
  ),
  pyCase(
    "py-raw-socket",
    `import _socket\ndef label_function(t):\n    s = _socket.socket()\n    s.connect(('127.0.0.1', ${PORT}))\n    return 1\n`,
    "exception",
  ),
  pyCase("py-dns", "import socket\ndef label_function(t):\n    return socket.gethostbyname('localhost')\n", "exception"),
  pyCase(
    "py-urllib-fetch",
    `import urllib.request\ndef label_function(t):\n    return urllib.request.urlopen('http://127.0.0.1:${PORT}/').read()\n`,
    "exception",
  ),
  pyCase("py-subprocess", "import subprocess\ndef label_function(t):\n    return subprocess.check_output(['id'])\n", "exception"),
  pyCase("py-import-js", "import js\ndef label_function(t):\n    return js.process.env.DATABASE_URL\n", "exception", { error: /import of js is not allowed/ }),
  pyCase("py-import-pyodide-js", "import pyodide_js\ndef label_function(t):\n    return pyodide_js._module\n", "exception"),
  pyCase(
    "py-frame-walk",
    "def label_function(t):\n    try:\n        raise ValueError()\n    except ValueError as e:\n        f = e.__traceback__.tb_frame.f_back\n    host = f.f_locals['tick'].constructor.constructor\n    return str(host('return process')().env)\n",
    "exception",
    { error: /PermissionError: object.__getattr__ is not allowed/ },
  ),
  // Pyodide lists its in-memory file system (no host paths); the CPython audit hook refuses listdir.
  pyCase(
    "py-subclasses-listdir-env",
    `${OS_WALK}            return str(g['listdir']('/')) + str(dict(g['environ']))\n`,
    runtime === "pyodide" ? "invalid-output" : "exception",
    { error: /^(?![\s\S]*(work|root:|hostile-suite))/ },
  ),
  pyCase("py-subclasses-write", `${OS_WALK}            fd = g['open']('/tmp/leak', g['O_WRONLY'] | g['O_CREAT'])\n            return 1\n`, "exception", {
    error: /OSError|Read-only|PermissionError/,
  }),
  pyCase("py-subclasses-read-leftover", `${OS_WALK}            return g['read'](g['open']('/tmp/leak', g['O_RDONLY']), 10)\n`, "exception", {
    error: /FileNotFoundError|No such file|PermissionError/,
  }),
  pyCase("py-pollute-re", "import re\nre.search = lambda *a, **k: None\ndef label_function(t):\n    return 1\n", "none", { votes: [1, 1] }),
  pyCase("py-after-re", "import re\ndef label_function(t):\n    return 1 if re.search('free', t) else -1\n", "none", { votes: [1, -1] }),
  pyCase("py-pollute-builtins", "__builtins__['len'] = lambda x: 0\ndef label_function(t):\n    return 1\n", "none", { votes: [1, 1] }),
  pyCase("py-after-builtins", "def label_function(t):\n    return 1 if len(t) > 15 else 0\n", "none", { votes: [1, 0] }),
  pyCase("py-pollute-str", "str.lower = lambda s: 'free'\ndef label_function(t):\n    return 1\n", "exception"),
  pyCase("py-infinite-loop", "def label_function(t):\n    while True:\n        pass\n", "timeout"),
  pyCase("py-recursion", "def label_function(t):\n    return label_function(t + 'x')\n", "exception", { error: /RecursionError/ }),
  pyCase("py-memory-list", "def label_function(t):\n    x = []\n    while True:\n        x.append('a' * 10**6)\n", "memory"),
  pyCase("py-memory-doubling", "def label_function(t):\n    s = 'a'\n    while True:\n        s = s + s\n", "memory"),
  pyCase("py-memory-bytearray", "def label_function(t):\n    return len(bytearray(2 * 10**9))\n", "memory"),
  pyCase("py-huge-output", "def label_function(t):\n    return 'x' * 10**7\n", "invalid-output", { error: /string of 10000000 characters/ }),
  pyCase("py-huge-exception", "def label_function(t):\n    raise ValueError('y' * 10**7)\n", "exception", { error: /ValueError: y+ \(line 2\)$/ }),
  pyCase(
    "py-slow-legal",
    "import time\ndef label_function(t):\n    s = time.perf_counter()\n    while time.perf_counter() - s < 0.3:\n        pass\n    return 1\n",
    "none",
    { votes: [1, 1] },
  ),
  pyCase("py-async", "async def label_function(t):\n    return 1\n", "invalid-output"),
  pyCase(
    "py-asyncio-later",
    "import asyncio\ndef label_function(t):\n    asyncio.get_event_loop().call_later(0.01, print, 'later')\n    return 1\n",
    "exception",
  ),
  pyCase("py-threading", "import threading\ndef label_function(t):\n    threading.Thread(target=lambda: None).start()\n    return 1\n", "exception"),
  // The real builtins module is one attribute away (len.__self__); what it imports must still be harmless.
  pyCase(
    "py-builtins-module-env",
    `${POSIX}def label_function(t):\n    return 'spam' if b'DATABASE_URL' in P.environ or 'DATABASE_URL' in str(P.environ) else 'ham'\n`,
    "none",
    { votes: [0, 0] },
  ),
  ...(runtime === "cpython" ? cpythonCases : []),
];

// CPython-specific escapes: the host interpreter's own modules, reached past the import allowlist.
const cpythonCases: HostileCase[] = [
  pyCase("cpy-ctypes", "C = len.__self__.__import__('ctypes')\ndef label_function(t):\n    return C.CDLL(None).getpid()\n", "exception", {
    error: /ImportError: import of ctypes is not allowed/,
  }),
  pyCase("cpy-fork", `${POSIX}def label_function(t):\n    return P.fork()\n`, "exception", { error: /os\.fork is not allowed/ }),
  pyCase("cpy-system", `${POSIX}def label_function(t):\n    return P.system('id')\n`, "exception", { error: /os\.system is not allowed/ }),
  pyCase("cpy-execv", `${POSIX}def label_function(t):\n    P.execv('/usr/bin/python3', ['python3', '-c', 'print(1)'])\n`, "exception", {
    error: /os\.exec is not allowed/,
  }),
  pyCase("cpy-proc-environ", `${POSIX}def label_function(t):\n    return P.read(P.open('/proc/self/environ', P.O_RDONLY), 4096)\n`, "exception", {
    error: /cannot open files/,
  }),
  pyCase("cpy-etc-passwd-raw", `${POSIX}def label_function(t):\n    return P.read(P.open('/etc/passwd', P.O_RDONLY), 4096)\n`, "exception", {
    error: /cannot open files/,
  }),
  pyCase("cpy-stdlib-write", `${POSIX}def label_function(t):\n    P.open('/usr/lib/python3.11/evil.py', P.O_WRONLY | P.O_CREAT)\n    return 1\n`, "exception", {
    error: /cannot open files/,
  }),
  pyCase("cpy-dev-null-write", `${POSIX}def label_function(t):\n    P.open('/dev/null', P.O_WRONLY)\n    return 1\n`, "exception", {
    error: /cannot open files/,
  }),
  pyCase("cpy-listdir-root", `${POSIX}def label_function(t):\n    return str(P.listdir('/'))\n`, "exception", { error: /os\.listdir is not allowed/ }),
  pyCase(
    "cpy-raw-socket",
    `S = len.__self__.__import__('_socket')\ndef label_function(t):\n    s = S.socket()\n    s.connect(('127.0.0.1', ${PORT}))\n    return 1\n`,
    "exception",
  ),
  pyCase("cpy-kill-zygote", `${POSIX}def label_function(t):\n    P.kill(1, 9)\n    return 1\n`, "exception", { error: /os\.kill is not allowed/ }),
  pyCase(
    "cpy-gc-objects",
    "G = len.__self__.__import__('gc')\ndef label_function(t):\n    return len([o for o in G.get_objects() if type(o) is dict and '_zygote' in o])\n",
    "exception",
    { error: /gc\.get_objects is not allowed/ },
  ),
  pyCase("cpy-getframe", "S = len.__self__.__import__('sys')\ndef label_function(t):\n    return str(S._getframe(1).f_globals.keys())\n", "exception", {
    error: /call stack inspection is not allowed/,
  }),
  pyCase("cpy-settrace", "S = len.__self__.__import__('sys')\ndef label_function(t):\n    S.settrace(lambda *a: None)\n    return 1\n", "exception", {
    error: /sys\.settrace is not allowed/,
  }),
  // CPython refuses the new hook silently when an existing one objects: the program's hook never runs.
  pyCase(
    "cpy-audit-hook",
    "S = len.__self__.__import__('sys')\nseen = []\nS.addaudithook(lambda e, a: seen.append(e))\ndef label_function(t):\n    id(t)\n    return 1 if seen else 0\n",
    "none",
    { votes: [0, 0] },
  ),
  pyCase("cpy-code-object", "def label_function(t):\n    return str(label_function.__code__.co_consts)\n", "exception", {
    error: /object\.__getattr__ is not allowed/,
  }),
  pyCase(
    "cpy-signal-tamper",
    "SIG = len.__self__.__import__('_signal')\nSIG.signal(SIG.SIGALRM, SIG.SIG_IGN)\nSIG.signal(SIG.SIGTERM, SIG.SIG_IGN)\ndef label_function(t):\n    while True:\n        pass\n",
    "timeout",
  ),
  pyCase(
    "cpy-swallow-interrupt",
    "def label_function(t):\n    while True:\n        try:\n            while True:\n                pass\n        except BaseException:\n            pass\n",
    "timeout",
  ),
  pyCase("cpy-exit", `${POSIX}def label_function(t):\n    P._exit(3)\n`, "crash", { error: /the program's process exited with code 3/ }),
  pyCase(
    "cpy-close-pipes-and-spin",
    `${POSIX}def label_function(t):\n    for fd in range(1024):\n        try:\n            P.close(fd)\n        except OSError:\n            pass\n    while True:\n        pass\n`,
    "crash",
    { error: /closed its result stream/ },
  ),
  pyCase(
    "cpy-main-module",
    "S = len.__self__.__import__('sys')\nM = S.modules.get('__main__')\ndef label_function(t):\n    return 1 if hasattr(M, '_allow') or hasattr(M, '_kept') or hasattr(M, '_serve') else 0\n",
    "none",
    { votes: [0, 0] },
  ),
  // RLIMIT_NPROC 0 in the fork stops threads too (a thread could otherwise read the fork's task pipe).
  pyCase(
    "cpy-thread",
    `${POSIX}T = len.__self__.__import__('_thread')\nT.start_new_thread(lambda: [P.read(fd, 1 << 20) for fd in range(3, 64)], ())\ndef label_function(t):\n    return 1\n`,
    "exception",
    { error: /can't start new thread/ },
  ),
  pyCase(
    "cpy-result-stream",
    `${POSIX}def label_function(t):\n    for fd in range(3, 1024):\n        try:\n            P.write(fd, b'999999 [1]\\n')\n        except OSError:\n            pass\n    return 1\n`,
    "none",
    { faults: { crash: 2 }, votes: [-1, -1] },
  ),
  pyCase(
    "cpy-pollute-module",
    "J = len.__self__.__import__('json')\nJ.loads = lambda *a, **k: ['spam']\nB = len.__self__\nB.len = lambda x: 0\ndef label_function(t):\n    return 1\n",
    "none",
    { votes: [1, 1] },
  ),
  pyCase("cpy-after-module", "import json\ndef label_function(t):\n    return 1 if json.loads('[1]') == [1] and len(t) > 15 else 0\n", "none", {
    votes: [1, 0],
  }),
];

const cpython = cpythonIsolation();
afterAll(() => listener.close());

describe.each([
  ["pyodide", true],
  ["cpython", cpython.ok],
] as const)("hostile Python programs on the %s runtime", (runtime, available) => {
  const cases = casesFor(runtime);
  let runner: ProgramRunner;
  let result: ApplyResult;
  beforeAll(async () => {
    if (!available) return;
    plantSecrets();
    runner = createLocalRunner({ poolSize: 1, rowTimeoutMs: 1000, pythonMemoryMb: 256, pythonRuntime: runtime });
    result = await runner.apply(
      cases.map((c) => c.program),
      INPUTS,
      { classNames: CLASSES },
    );
  }, testBudget(600_000));
  afterAll(async () => {
    await runner?.close();
  });
  if (!available) {
    it.skip(`CPython sandbox unavailable here: ${cpython.ok ? "" : cpython.reason}`, () => undefined);
    return;
  }

  it.each(cases.map((c, j) => [c.program.name, j] as const))("%s is contained", (_name, j) => {
    expect(verdict(result, j, cases[j]!)).toBe("");
  });

  it("the loopback listener received zero connections and no secret reached any output", async () => {
    await new Promise((resolve) => setTimeout(resolve, 200)); // a late connect would land by now
    expect(listener.connections()).toBe(0);
    expect(JSON.stringify(result.meta)).not.toContain(SECRET);
  });

  it(
    "the host is healthy: the runner still labels correctly afterwards",
    async () => {
      expect(await controlStillWorks(runner, "python")).toEqual([1, 0]);
      const rows = await runner.tryProgram(cases[0]!.program, ["x"], { classNames: CLASSES });
      expect(rows[0]).toMatchObject({ vote: -1, error: { kind: "exception" } });
    },
    testBudget(120_000),
  );
});
