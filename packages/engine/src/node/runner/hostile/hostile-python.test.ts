import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplyResult, ProgramRunner } from "../../../core/program";
import { createLocalRunner } from "../create-local-runner";
import { CLASSES, INPUTS, SECRET, controlStillWorks, plantSecrets, pyCase, verdict, watchedListener, type HostileCase } from "./hostile-harness";

// Python programs that try to get out, hog or poison the runtime. One runner with one child, so
// pollution cases really share an interpreter with the program after them.
const listener = await watchedListener();
const PORT = listener.port;
const OS_WALK = "def label_function(t):\n    for c in ().__class__.__base__.__subclasses__():\n        if c.__name__ == '_wrap_close':\n            g = c.__init__.__globals__\n";
const cases: HostileCase[] = [
  pyCase("py-read-file", "def label_function(t):\n    return open('/etc/passwd').read()\n", "exception", { error: /cannot open files/ }),
  pyCase("py-write-file", "def label_function(t):\n    open('/tmp/alchemist-hostile', 'w').write('x')\n    return 1\n", "exception"),
  pyCase("py-io-module", "import io\ndef label_function(t):\n    return io.open('/etc/hostname').read()\n", "exception", { error: /import of io is not allowed/ }),
  pyCase("py-pathlib", "from pathlib import Path\ndef label_function(t):\n    return Path('/work').exists()\n", "exception"),
  pyCase("py-listdir", "import os\ndef label_function(t):\n    return str(os.listdir('/'))\n", "exception", { error: /import of os is not allowed/ }),
  pyCase("py-env", "import os\ndef label_function(t):\n    return os.environ.get('DATABASE_URL')\n", "exception"),
  pyCase("py-socket-loopback", `import socket\ndef label_function(t):\n    socket.create_connection(('127.0.0.1', ${PORT}), timeout=1)\n    return 1\n`, "exception"),
  pyCase("py-raw-socket", `import _socket\ndef label_function(t):\n    s = _socket.socket()\n    s.connect(('127.0.0.1', ${PORT}))\n    return 1\n`, "exception"),
  pyCase("py-dns", "import socket\ndef label_function(t):\n    return socket.gethostbyname('localhost')\n", "exception"),
  pyCase("py-urllib-fetch", `import urllib.request\ndef label_function(t):\n    return urllib.request.urlopen('http://127.0.0.1:${PORT}/').read()\n`, "exception"),
  pyCase("py-subprocess", "import subprocess\ndef label_function(t):\n    return subprocess.check_output(['id'])\n", "exception"),
  pyCase("py-import-js", "import js\ndef label_function(t):\n    return js.process.env.DATABASE_URL\n", "exception", { error: /import of js is not allowed/ }),
  pyCase("py-import-pyodide-js", "import pyodide_js\ndef label_function(t):\n    return pyodide_js._module\n", "exception"),
  pyCase("py-frame-walk", "def label_function(t):\n    try:\n        raise ValueError()\n    except ValueError as e:\n        f = e.__traceback__.tb_frame.f_back\n    host = f.f_locals['tick'].constructor.constructor\n    return str(host('return process')().env)\n", "exception", { error: /EvalError: Code generation from strings disallowed/ }),
  pyCase("py-subclasses-listdir-env", `${OS_WALK}            return str(g['listdir']('/')) + str(dict(g['environ']))\n`, "invalid-output", { error: /^(?![\s\S]*(work|root:|hostile-suite))/ }),
  pyCase("py-subclasses-write", `${OS_WALK}            fd = g['open']('/tmp/leak', g['O_WRONLY'] | g['O_CREAT'])\n            return 1\n`, "exception", { error: /OSError|Read-only/ }),
  pyCase("py-subclasses-read-leftover", `${OS_WALK}            return g['read'](g['open']('/tmp/leak', g['O_RDONLY']), 10)\n`, "exception", { error: /FileNotFoundError|No such file/ }),
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
  pyCase("py-slow-legal", "import time\ndef label_function(t):\n    s = time.perf_counter()\n    while time.perf_counter() - s < 0.3:\n        pass\n    return 1\n", "none", { votes: [1, 1] }),
  pyCase("py-async", "async def label_function(t):\n    return 1\n", "invalid-output"),
  pyCase("py-asyncio-later", "import asyncio\ndef label_function(t):\n    asyncio.get_event_loop().call_later(0.01, print, 'later')\n    return 1\n", "exception"),
  pyCase("py-threading", "import threading\ndef label_function(t):\n    threading.Thread(target=lambda: None).start()\n    return 1\n", "exception"),
];

let runner: ProgramRunner;
let result: ApplyResult;
beforeAll(async () => {
  plantSecrets();
  runner = createLocalRunner({ poolSize: 1, rowTimeoutMs: 1000, pythonMemoryMb: 256 });
  result = await runner.apply(cases.map((c) => c.program), INPUTS, { classNames: CLASSES });
}, 600_000);
afterAll(async () => {
  await runner?.close();
  await listener.close();
});

describe("hostile Python programs", () => {
  it.each(cases.map((c, j) => [c.program.name, j] as const))("%s is contained", (_name, j) => {
    expect(verdict(result, j, cases[j]!)).toBe("");
  });

  it("the loopback listener received zero connections and no secret reached any output", () => {
    expect(listener.connections()).toBe(0);
    expect(JSON.stringify(result.meta)).not.toContain(SECRET);
  });

  it("the host is healthy: the runner still labels correctly afterwards", async () => {
    expect(await controlStillWorks(runner, "python")).toEqual([1, 0]);
    const rows = await runner.tryProgram(cases[0]!.program, ["x"], { classNames: CLASSES });
    expect(rows[0]).toMatchObject({ vote: -1, error: { kind: "exception" } });
  }, 120_000);
});
