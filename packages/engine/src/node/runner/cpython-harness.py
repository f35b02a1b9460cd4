# The CPython sandbox's harness ("zygote"), appended to python-harness.py (same import allowlist,
# restricted builtins, output encoding, fault kinds and static check as the Pyodide runtime) and
# run by cpython-launcher.py in a private read-only root as uid 65534 with an empty env:
#   python3 -I -S -B /sandbox/harness.py <stdlib dir>
# Layers added here, on top of the namespaces, private root, rlimits and uid drop below it:
# - An audit hook (sys.addaudithook; hooks cannot be removed from Python) denies every audited
#   event not on a short allowlist: opening anything but stdlib files for reading, os.* (listdir,
#   kill, fork, exec, system, posix_spawn, ...), subprocess, socket.*, ctypes, mmap, gc object
#   walks, frame access (tb_frame, gi_frame, f_code, __code__, sys._getframe), settrace/setprofile,
#   new audit hooks, code object construction, marshal, pickle globals. Imports of native escape
#   hatches (ctypes, _posixsubprocess, ...) are refused; libffi is not even in the root.
# - Every (program, chunk) task runs in a fresh fork of this zygote, which never runs program
#   code: whatever a program changes (modules, builtins, classes) dies with its fork, so no state
#   reaches the next program. The fork drops RLIMIT_NPROC to 0 and gets a CPU-time backstop.
# - A per-row budget: the fork bumps a shared counter per row; the zygote kills a fork whose row
#   ran past the budget (the row is a `timeout` fault) and forks a new one for the rows after it.
#   No signal handler in the program's process is involved, so a program cannot defuse it.
# Protocol on fds 0/1: request "<header bytes> <payload bytes>\n" + JSON header + payload (the
# chunk's JSON, empty when the zygote kept it); answer "<bytes>\n" + JSON text.
import os, mmap, resource, select, signal

# The harness's own names for builtins and json: a program may patch the builtins module or json in
# its fork (len.__self__ is the real builtins module), and the fork's harness code must still
# count and encode its results correctly. Module globals shadow builtins, and no program can
# reach this module's globals (no harness function, frame or gc walk is reachable from it).
for _name in ("len", "type", "int", "str", "isinstance", "abs", "repr", "callable", "sorted", "set", "map", "range",
              "min", "max", "BaseException", "MemoryError", "KeyboardInterrupt", "SyntaxError", "NameError", "OSError",
              "ProcessLookupError", "PermissionError", "ImportError", "ValueError", "all", "any", "list", "dict", "bytes"):
    globals()[_name] = getattr(builtins, _name)
_dumps, _loads = json.dumps, json.loads
from time import monotonic as _mono

_STDLIB = sys.argv[1].rstrip("/") + "/"
# Preloaded from the stdlib's .pyc files while marshal is still allowed: forks share them, and
# programs rarely import anything the fork then has to compile from source.
import statistics, difflib, textwrap, html, decimal, fractions, hashlib, heapq, bisect, typing, dataclasses, enum, copy, csv, urllib.parse  # noqa: E401,F401
# Other stdlib imports compile from source (compile is allowed, marshal.loads is not: crafted code
# objects are a way to corrupt the interpreter); -B already stops writing .pyc files.
sys.pycache_prefix = "/nonexistent"
# What the sandbox looks like from inside, for the parent's start-up probe (read before the hook).
_INSIDE = {"uid": os.getuid(), "gid": os.getgid(), "groups": os.getgroups(), "root": sorted(os.listdir("/")),
           "net": sorted(name for _, name in __import__("socket").if_nameindex()), "env": len(os.environ),
           "nproc": resource.getrlimit(resource.RLIMIT_NPROC)[0], "fsize": resource.getrlimit(resource.RLIMIT_FSIZE)[0]}
_counter = memoryview(mmap.mmap(-1, 8)).cast("q")  # before the hook: mmap.__new__ is denied after
_FLUSH_ROWS = 8192
_BATCH = 64
_INT_ONLY = {int}
_TIMEOUT = {"f": "timeout", "m": "ran past the time limit"}
_MAX_DEATHS = 3
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

# The program's import and open live in their own tiny globals: a program holding them (they are
# in its __builtins__) must not reach this module's globals through __globals__.
_iso = {"__builtins__": {}, "_real": builtins.__import__, "_blocked": frozenset(_BLOCKED),
        "ImportError": ImportError, "PermissionError": PermissionError, "str": str}
exec(
    "def __import__(name, globals=None, locals=None, fromlist=(), level=0):\n"
    "    if str(name).split('.')[0] in _blocked:\n"
    "        raise ImportError('import of ' + str(name) + ' is not allowed in labeling programs')\n"
    "    return _real(name, globals, locals, fromlist, level)\n"
    "def open(*args, **kwargs):\n"
    "    raise PermissionError('labeling programs cannot open files')\n",
    _iso,
)
_CP_BUILTINS = dict(_SAFE_BUILTINS)
_CP_BUILTINS["__import__"] = _iso["__import__"]
_CP_BUILTINS["open"] = _iso["open"]
del _iso

_ALLOWED_EVENTS = frozenset({
    "compile", "exec", "object.__setattr__", "object.__delattr__", "builtins.id", "time.sleep",
    "array.__new__", "sys.excepthook", "sys.unraisablehook", "re.compile",
})
_DENIED_IMPORTS = frozenset({
    "ctypes", "_ctypes", "cffi", "_cffi_backend", "_posixsubprocess", "_xxsubinterpreters", "_testcapi",
    "_testinternalcapi", "_ctypes_test", "_testmultiphase", "_testbuffer", "_multiprocessing", "_posixshmem",
    "readline", "_curses", "_curses_panel", "faulthandler", "_tracemalloc", "_lsprof", "resource", "mmap",
    "termios", "fcntl", "_socket", "socket", "_ssl", "ssl", "_sqlite3", "_dbm", "nis", "ossaudiodev", "syslog",
    "pwd", "grp", "spwd", "_crypt",
})


def _make_hook(allow, zygote, stdlib, write_flags, allowed, denied_imports):
    # Everything the hook needs is in its closure; nothing here is reachable from program code.
    def hook(event, args):
        if event in allowed:
            return
        if event == "open":
            path, _mode, flags = args
            if (type(path) is str and path.startswith(stdlib) and "/../" not in path
                    and not (type(flags) is int and flags & write_flags) and _mode in (None, "r", "rb")):
                return
            raise PermissionError("labeling programs cannot open files")
        if event == "os.listdir" or event == "os.scandir":
            # The import system lists package directories; the stdlib is the only thing in the root.
            path = args[0]
            if type(path) is str and (path + "/").startswith(stdlib) and "/.." not in path:
                return
            raise PermissionError(f"{event} is not allowed in labeling programs")
        if event == "import":
            if allow[0] or str(args[0]).split(".")[0] not in denied_imports:
                return
            raise ImportError(f"import of {args[0]} is not allowed in labeling programs")
        if allow[0] and event == "object.__getattr__":
            return
        if zygote[0] and (event == "os.fork" or event == "os.kill" or event == "resource.setrlimit"):
            return
        if event == "sys._getframe":
            # ValueError is what the stdlib's own fallbacks expect (collections.namedtuple, typing).
            raise ValueError("call stack inspection is not allowed in labeling programs")
        raise PermissionError(f"{event} is not allowed in labeling programs")
    return hook


_allow = [0]
_zygote = [True]
sys.addaudithook(_make_hook(_allow, _zygote, _STDLIB, _WRITE_FLAGS, _ALLOWED_EVENTS, _DENIED_IMPORTS))


def _cp_message(e):
    # Same text as python-harness.py's _message; frames are read with the hook's permission, and
    # the program's own __str__ runs only after it is withdrawn.
    line = None
    _allow[0] += 1
    try:
        tb = e.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<program>":
                line = tb.tb_lineno
            tb = tb.tb_next
    except BaseException:
        pass
    finally:
        _allow[0] -= 1
    if isinstance(e, SyntaxError) and e.filename == "<program>":
        line = e.lineno
    try:
        text = f"{type(e).__name__}: {str(e)[:_MAX_MESSAGE]}"
    except BaseException:
        text = type(e).__name__
    return text + (f" (line {line})" if line else "")


def _cp_fault(e):
    if isinstance(e, MemoryError):
        return {"f": "memory", "m": _cp_message(e)}
    return {"f": "exception", "m": _cp_message(e)}


def _read_exact(fd, n):
    chunks = []
    while n:
        data = os.read(fd, min(n, 1 << 20))
        if not data:
            os._exit(0)
        chunks.append(data)
        n -= len(data)
    return b"".join(chunks)


def _read_line(fd):
    data = b""
    while not data.endswith(b"\n"):
        byte = os.read(fd, 1)
        if not byte:
            os._exit(0)
        data += byte
    return data


def _write_within(fd, data, seconds):
    view = memoryview(data)
    end = _mono() + seconds
    while view:
        _, ready, _ = select.select([], [fd], [], max(0, end - _mono()))
        if not ready:
            return False
        try:
            view = view[os.write(fd, view):]
        except BlockingIOError:
            pass
    return True


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _child(source, fn_name, task_r, w, first):
    # In the fork (its caller already set RLIMIT_NPROC 0 and a CPU-time backstop and withdrew
    # the zygote's fork/kill permission). It serves one program: the first task came with the fork,
    # later chunks of the same program arrive on task_r. No stdio, no protocol fds.
    for fd in range(64):
        if fd != task_r and fd != w:
            try:
                os.close(fd)
            except OSError:
                pass
    sys.stdout = sys.stderr = sys.stdin = None
    # This module is __main__: the program must not find it in sys.modules (sys is one attribute
    # away through the real builtins module).
    sys.modules["__main__"] = type(sys)("__main__")
    g = {"__builtins__": dict(_CP_BUILTINS), "__name__": "__program__"}
    fn = None
    setup_fault = None
    try:
        exec(compile(source, "<program>", "exec"), g)
        fn = g.get(fn_name)
        if not callable(fn):
            raise NameError(f"no function named {fn_name} is defined")
    except BaseException as e:
        setup_fault = _cp_fault(e)
    task = first
    while True:
        inputs, start, skip, timed, batch_s = task
        if setup_fault is not None:
            _emit(w, [[setup_fault, None, 0] if timed else setup_fault] * (len(inputs) - start), _dumps)
        else:
            if batch_s > 0 and not timed and not skip:
                start = _batches(fn, inputs, start, batch_s, w)
            _rows(fn, inputs, start, skip, timed, w)
        hlen, plen = map(int, _read_line(task_r).split())
        start, skip, timed, key, batch_s = _loads(_read_exact(task_r, hlen))
        # A chunk the zygote had parsed before this fork was made is already in our memory.
        inputs = _loads(_read_exact(task_r, plen)) if plen else _kept[key][1]
        task = (inputs, start, set(skip), timed, batch_s)


def _batches(fn, inputs, start, batch_s, w):
    # The fast path: rows in batches of _BATCH through map() (one call per row, as in the row loop;
    # a row that raises gets its fault and the batch goes on with the next row). The counter marks
    # batches (negative); if a batch runs past the budget the zygote kills this fork and redoes the
    # task row by row, where the timed-out row is found exactly. Once a batch takes longer than
    # batch_s the rest of the task goes row by row. Returns the first row not done.
    dumps, clock, ctr, n, encode, fault = _dumps, _clock, _counter, len(inputs), _encode, _cp_fault
    out = []
    app = out.append
    last_flush = clock()
    sent = 0
    i = start
    while i < n:
        j = i + _BATCH
        ctr[0] = -(i + 1)
        began = clock()
        got = []
        faults = None
        m = map(fn, inputs[i:j])
        while True:
            try:
                got.extend(m)
                break
            except BaseException as e:
                if faults is None:
                    faults = {}
                faults[len(got)] = fault(e)
                got.append(None)
        if faults is None and got and set(map(type, got)) == _INT_ONLY and -9007199254740992 < min(got) and max(got) < 9007199254740992:
            out.extend(got)  # the usual batch: small ints only, checked at C speed
        elif faults is None:
            for v in got:
                app(v if type(v) is int and -9007199254740992 < v < 9007199254740992 else encode(v))
        else:
            for k, v in enumerate(got):
                app(faults[k] if k in faults else v if type(v) is int and -9007199254740992 < v < 9007199254740992 else encode(v))
        i += len(got)
        now = clock()
        if len(out) - sent >= _FLUSH_ROWS or now - last_flush > 0.2:
            _emit(w, out[sent:], dumps)
            sent = len(out)
            last_flush = now
        if now - began > batch_s:
            break
    _emit(w, out[sent:], dumps)
    return i


def _rows(fn, inputs, start, skip, timed, w):
    dumps, clock, ctr, n, encode, timeout = _dumps, _clock, _counter, len(inputs), _encode, _TIMEOUT
    out = []
    last_flush = clock()
    sent = 0
    i = start
    while i < n:
        ctr[0] = i + 1
        if i in skip:
            r = [timeout, None, 0] if timed else timeout
        elif timed:
            now = clock()
            try:
                v = fn(inputs[i])
                r = encode(v)
                shown = v if r is v and (type(v) is not str or len(v) <= 200) else _show(v, 200)
                r = [r, shown, (clock() - now) * 1000]
            except BaseException as e:
                r = [_cp_fault(e), None, (clock() - now) * 1000]
        else:
            try:
                v = fn(inputs[i])
                # Fast path for the common answers (an int index); encode() applies the full rules.
                r = v if type(v) is int and -9007199254740992 < v < 9007199254740992 else encode(v)
            except BaseException as e:
                r = _cp_fault(e)
        out.append(r)
        i += 1
        # Flushed results survive a later kill of this fork; what was not flushed is recomputed.
        if len(out) - sent >= _FLUSH_ROWS or (not i & 31 and clock() - last_flush > 0.2):
            _emit(w, out[sent:], dumps)
            sent = len(out)
            last_flush = clock()
    _emit(w, out[sent:], dumps)


def _emit(w, batch, dumps):
    if batch:
        _write_all(w, f"{len(batch)} {dumps(batch)[1:-1]}\n".encode())


# The fork serving the current program: (program key, pid, task pipe write end, result pipe read
# end, chunk keys it inherited).
_current = [None]


def _drop_current():
    cur = _current[0]
    _current[0] = None
    if cur is None:
        return
    _, pid, task_w, r, _ = cur
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(task_w)
    os.close(r)


def _fork(program_key, source, fn_name, first, cpu_cap):
    r, w = os.pipe()
    task_r, task_w = os.pipe()
    _counter[0] = 0
    # Everything the zygote holds goes to the permanent generation: a collection in the fork never
    # walks (and so never copies) the inherited heap.
    gc.freeze()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            os.close(task_w)
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_cap, cpu_cap))
            resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
            _zygote[0] = False
            _child(source, fn_name, task_r, w, first)
        finally:
            os._exit(70)
    os.close(w)
    os.close(task_r)
    # Writes to the fork never block the zygote (a fork that stops reading is killed instead).
    os.set_blocking(task_w, False)
    _current[0] = (program_key, pid, task_w, r, frozenset(_kept))


def _run_task(program_key, source, fn_name, inputs, payload, key, budget_s, timed):
    # Rows go to the fork serving this program (a new one for a different program, after a kill,
    # or when program_key is None); a fork killed at row i leaves row i a timeout (or a crash when
    # it died on its own) and a new fork takes the rows after those already reported.
    n = len(inputs)
    parts = []  # JSON fragments, each "a,b,c"
    done = 0
    skip = set()
    crashed = {}
    deaths = 0
    slice_s = max(0.005, budget_s / 4)
    batch_s = slice_s  # 0 after a fork was killed inside a batch: the rest of the task goes row by row
    cpu_cap = int(n * budget_s * 1.5) + 60
    while done < n:
        cur = _current[0]
        if cur is not None and (program_key is None or cur[0] != program_key):
            _drop_current()
            cur = None
        if cur is None:
            _fork(program_key, source, fn_name, (inputs, done, skip, timed, batch_s), cpu_cap)
        else:
            _counter[0] = 0
            inherited = key in cur[4]
            header = _dumps([done, sorted(skip), timed, key if inherited else None, batch_s]).encode()
            body = b"" if inherited else payload
            try:
                sent = _write_within(cur[2], f"{len(header)} {len(body)}\n".encode() + header + body, budget_s + slice_s)
            except OSError:
                sent = False
            if not sent:
                # The fork stopped reading its tasks (closed the pipe, or is stuck): a fresh one takes over.
                _drop_current()
                continue
        _, pid, _, r, _ = _current[0]
        buf = b""
        seen, seen_at = 0, _mono()
        outcome = None
        while outcome is None:
            ready, _, _ = select.select([r], [], [], slice_s)
            if ready:
                chunk = os.read(r, 1 << 20)
                if not chunk:
                    outcome = "died"
                    break
                buf += chunk
                *lines, buf = buf.split(b"\n")
                for line in lines:
                    count, _, body = line.partition(b" ")
                    if not count.isdigit() or int(count) > n - done:
                        outcome = "junk"
                        break
                    if int(count):
                        parts.append(body)
                        done += int(count)
                if done >= n and outcome is None:
                    outcome = "ok" if not buf else "junk"
                if outcome:
                    break
            now = _mono()
            c = _counter[0]
            if c != seen:
                seen, seen_at = c, now
            elif now - seen_at > budget_s + slice_s:
                outcome = "killed"
        if outcome == "ok":
            if program_key is None:
                _drop_current()
            break
        status = None
        closed_pipe = False
        if outcome == "died":
            # Its result pipe closed: it exited, or it closed the pipe and runs on (then it ends here).
            # (An exiting process closes its pipes a moment before it can be reaped: give it 100 ms.)
            wpid, status = os.waitpid(pid, os.WNOHANG)
            waited_until = _mono() + 0.1
            while wpid == 0 and _mono() < waited_until:
                select.select([], [], [], 0.002)
                wpid, status = os.waitpid(pid, os.WNOHANG)
            if wpid == 0:
                closed_pipe = True
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
            os.close(_current[0][2])
            os.close(r)
            _current[0] = None
        else:
            _drop_current()
        if done >= n:
            break
        rest = n - done
        if outcome == "junk":
            f = {"f": "crash", "m": "the program corrupted the result stream"}
            parts.append(_dumps([[f, None, 0] if timed else f] * rest)[1:-1].encode())
            break
        if seen < 0:
            # Killed or died inside a batch: which row did it is unknown, so redo the rest row by row.
            batch_s = 0
            continue
        if outcome == "killed" and seen == 0:
            # The program's top level ran past the budget: every row times out, as in Pyodide.
            parts.append(_dumps([[_TIMEOUT, None, 0] if timed else _TIMEOUT] * rest)[1:-1].encode())
            break
        row = seen - 1 if seen > 0 else done
        if outcome == "killed" or not closed_pipe and os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
            skip.add(row)
            continue
        deaths += 1
        how = "closed its result stream" if closed_pipe else f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exited with code {os.WEXITSTATUS(status)}"
        if deaths >= _MAX_DEATHS:
            f = {"f": "crash", "m": f"the program's process {how} ({deaths} times)"}
            parts.append(_dumps([[f, None, 0] if timed else f] * rest)[1:-1].encode())
            break
        skip.add(row)
        crashed[row] = how
    result = b"[" + b",".join(p for p in parts if p) + b"]"
    if crashed:
        # Rows whose process died on its own: crash, not timeout.
        rows = _loads(result)
        for row, how in crashed.items():
            f = {"f": "crash", "m": f"the program's process {how}"}
            rows[row] = [f, None, 0] if timed else f
        result = _dumps(rows).encode()
    return result


# Chunks of the current apply: key "apply:chunk" -> (raw JSON, parsed rows).
_kept = {}


def _answer(data):
    _write_all(1, str(len(data)).encode() + b"\n" + data)


def _serve():
    while True:
        header_len, payload_len = map(int, _read_line(0).split())
        req = _loads(_read_exact(0, header_len))
        payload = _read_exact(0, payload_len) if payload_len else b""
        kind = req["type"]
        if kind == "check":
            _answer(_alchemist_check(req["source"], req["fn"]).encode())
            continue
        key = req.get("key")
        if payload:
            inputs = _loads(payload)
            if key is not None:
                if any(k.rpartition(":")[0] != key.rpartition(":")[0] for k in _kept):
                    _kept.clear()
                if req.get("keep"):
                    _kept[key] = (payload, inputs)
        else:
            payload, inputs = _kept[key]
        timed = kind == "try"
        # Chunks of one program in one apply share a fork (a program sees only its own leftovers).
        program_key = None if timed or key is None else (key.rpartition(":")[0], req.get("name"), req["fn"], req["source"])
        _answer(_run_task(program_key, req["source"], req["fn"], inputs, payload, key, req["budget"] / 1000, timed))


_answer(_dumps({"ready": True, "inside": _INSIDE}).encode())
_serve()
