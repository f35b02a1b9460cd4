# The CPython sandbox's zygote, appended to python-harness.py and run by cpython-launcher.py in a
# private read-only root as uid 65534 with an empty env:  python3 -I -S -B /sandbox/harness.py <stdlib>
# Layers added here, on top of the namespaces, private root, rlimits and uid drop below it:
# - A deny-by-default audit hook (hooks cannot be removed from Python): opening anything but stdlib
#   files for reading, os.* (listdir, kill, fork, exec, system...), subprocess, socket, ctypes, mmap,
#   gc object walks, frame access, settrace/setprofile, new audit hooks, code object construction,
#   marshal and pickle globals are refused. Native escape hatches cannot be imported.
# - The zygote never runs program code and never parses rows. Each program of an apply gets its own
#   fork, made when the program first runs and kept for its later chunks: a program sees only its
#   own leftovers. A fork closes every descriptor but its two pipes before the program's top level
#   runs, so it cannot reach another program's pipes, and it cannot fork (RLIMIT_NPROC 0).
# - Time: the fork marks the row (or batch) it is on in a shared counter; the zygote kills a fork
#   whose row used more than the row budget of CPU time (or 3x it of wall time, for sleeps), records
#   a `timeout` and goes on in a fresh fork with the next row. K consecutive timeouts, memory faults
#   or crashes, or the program's time budget running out, stop the program: its remaining rows are
#   `disabled`. No signal handler in the program's process is involved.
# Protocol (fds 0/1, see sandbox-frames.ts): frames "<header bytes> <body bytes>\n" + JSON header +
# body. `run`: body = the chunk's JSON, forwarded to every program's fork as bytes; one answer frame
# per program (header: timing, first fault, trip; body: the vote codes, int8 or int16 LE), then a
# `done` frame. `end` kills the apply's forks. `check` answers JSON.
import os, mmap, resource, select, signal, struct
import fcntl as _fcntl  # the zygote's own use (pipe sizes); programs cannot import it

# The harness's own names: a program may patch builtins or json inside its fork (len.__self__ is the
# real builtins module); the fork's harness code must still count and encode correctly.
for _name in ("len", "type", "int", "str", "isinstance", "issubclass", "abs", "repr", "callable", "sorted", "set", "map",
              "range", "min", "max", "BaseException", "MemoryError", "SyntaxError", "NameError", "OSError", "enumerate",
              "ProcessLookupError", "ChildProcessError", "ImportError", "ValueError", "all", "any", "list", "dict", "bytes",
              "bytearray", "memoryview", "tuple", "PermissionError"):
    globals()[_name] = getattr(builtins, _name)
_dumps, _loads = json.dumps, json.loads


_marshal_loads = __import__("marshal").loads


def _parse(data, fmt="json"):
    if fmt != "marshal":
        return _parse_json(data.decode("utf-8"))
    # Rows the runner wrote as a marshal list of str (about twice as fast to load as JSON). marshal
    # is denied to programs; the harness lifts the hook for this one call on its own bytes.
    _allow[0] += 1
    try:
        rows = _marshal_loads(data)
    finally:
        _allow[0] -= 1
    if type(rows) is not list:
        raise ValueError("the chunk is not a list")
    return rows


_pack, _unpack_from = struct.pack, struct.unpack_from
_write, _read, _close, _kill, _waitpid = os.write, os.read, os.close, os.kill, os.waitpid
from time import monotonic as _mono, clock_gettime as _clock_gettime

_STDLIB = sys.argv[1].rstrip("/") + "/"
# Preloaded from the stdlib's .pyc files while marshal is still allowed: forks share them.
import statistics, difflib, textwrap, html, decimal, fractions, hashlib, heapq, bisect, typing, dataclasses, enum, copy, csv, urllib.parse  # noqa: E401,F401
sys.pycache_prefix = "/nonexistent"
# What the sandbox looks like from inside, for the parent's start-up probe (read before the hook).
_INSIDE = {"uid": os.getuid(), "gid": os.getgid(), "groups": os.getgroups(), "root": sorted(os.listdir("/")),
           "net": sorted(name for _, name in __import__("socket").if_nameindex()), "env": len(os.environ),
           "nproc": resource.getrlimit(resource.RLIMIT_NPROC)[0], "fsize": resource.getrlimit(resource.RLIMIT_FSIZE)[0]}
_NOFILE = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
_MEMORY_CAP = resource.getrlimit(resource.RLIMIT_AS)[0]
_counter = memoryview(mmap.mmap(-1, 8)).cast("q")  # before the hook: mmap.__new__ is denied after
# The current chunk, for the program forks to copy: one write per chunk instead of one pipe transfer
# per program. Forks run one at a time, and after each one the zygote checks that these bytes are
# still the chunk (restoring them and failing the program if not), so no program can change what a
# later one reads. Chunks larger than this go through the pipe.
_SHM_BYTES = 16 << 20
_shm = mmap.mmap(-1, _SHM_BYTES)
# Each row's code, written by the fork as soon as the row is done (a chunk has at most _CODES_ROWS
# rows): what a killed fork had finished is never lost.
_CODES_ROWS = 1 << 20
_codes_shm = mmap.mmap(-1, _CODES_ROWS * 2)
_codes_b = memoryview(_codes_shm).cast("b")
_codes_h = memoryview(_codes_shm).cast("h")
_LITTLE = sys.byteorder == "little"
_BATCH = 256
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_POLL_IN, _POLL_HUP = select.POLLIN, select.POLLHUP | select.POLLERR | select.POLLNVAL
_MAX_FORKS = max(4, (_NOFILE - 16) // 2)
_F_SETPIPE_SZ = 1031


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
        if allow[0] and (event == "object.__getattr__" or event == "marshal.loads"):
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


def _cp_line(e):
    # Frames are read with the hook's leave; only C-level slots are read (no program code runs).
    _allow[0] += 1
    try:
        return _program_line(e)
    finally:
        _allow[0] -= 1


def _cp_message(e):
    return _message(e, _cp_line)


def _read_exact(fd, n):
    chunks = []
    while n:
        data = _read(fd, min(n, 1 << 20))
        if not data:
            os._exit(0)
        chunks.append(data)
        n -= len(data)
    return b"".join(chunks)


def _read_line(fd):
    data = b""
    while not data.endswith(b"\n"):
        byte = _read(fd, 1)
        if not byte:
            os._exit(0)
        data += byte
        if len(data) > 64:
            os._exit(0)
    return data


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[_write(fd, view):]


# ---- In the fork: one program, all of its chunks ------------------------------------------------
# The fork writes each row's code into the shared codes buffer as soon as the row is done and marks
# the row (or batch) it is on in the counter, so when the zygote kills or loses a fork it still has
# every finished row. Records to the zygote (result pipe):
#   b"S" <i8 code> <u32 len> msg     setup done (code 0) or the top level failed (a fault code)
#   b"M" <u32 row> <u32 len> msg     a fault message (the first of a task; every one when timed)
#   b"R" <u32 row> <u32 len> json    timed mode: [shown output, milliseconds] of a row
#   b"T"                             the program stopped (K consecutive timeouts, memory faults or crashes)
#   b"E"                             the task is complete
# A task is [start, run, batch, timed]: rows start.. of the chunk, the costly-fault run before
# `start`, batches allowed, and timed ("run on sample").
_COSTLY = frozenset((_C_TIMEOUT, _C_MEMORY, _C_CRASH))


def _fork_main(source, fn_name, task_r, w, first, typecode, voter, max_run):
    # Program code runs only after every descriptor but ours is closed (other programs' pipes too).
    low, high = min(task_r, w), max(task_r, w)
    os.closerange(0, low)
    os.closerange(low + 1, high)
    os.closerange(high + 1, _NOFILE)
    sys.stdout = sys.stderr = sys.stdin = None
    body, task, fmt = first
    inputs = _parse(body, fmt)  # before the program's top level can patch anything
    del body, first
    view = _codes_h if typecode == "h" else _codes_b
    # This module is __main__: the program must not find it in sys.modules (sys is one attribute
    # away through the real builtins module).
    sys.modules["__main__"] = type(sys)("__main__")
    g = {"__builtins__": dict(_SAFE_BUILTINS), "__name__": "__program__"}
    try:
        exec(compile(source, "<program>", "exec"), g)
        fn = g.get(fn_name)
        if not callable(fn):
            raise NameError(f"no function named {fn_name} is defined")
    except BaseException as e:
        msg = _cp_message(e).encode("utf-8", "replace")
        _write_all(w, b"S" + _pack("<bI", _fault_code(e), len(msg)) + msg)
        os._exit(0)
    _write_all(w, b"S" + _pack("<bI", 0, 0))
    while True:
        start, run, batch, timed = task
        _task(fn, inputs, start, run, batch, timed, w, view, typecode, voter, max_run)
        hlen, blen = map(int, _read_line(task_r).split())
        task = _parse(_read_exact(task_r, hlen))
        shared = task.pop()
        fmt = task.pop()
        if blen or shared:
            inputs = None
            inputs = _parse(_read_exact(task_r, blen) if blen else _shm[:shared], fmt)


def _note(w, row, msg):
    data = msg.encode("utf-8", "replace")[:4096]
    _write_all(w, b"M" + _pack("<II", row, len(data)) + data)


def _task(fn, inputs, start, run, batch, timed, w, view, typecode, voter, max_run):
    # Rows start..n of one chunk. The first rows go one at a time (a program that hangs at once is
    # caught on its row; one whose rows take milliseconds stays row by row); then batches of _BATCH
    # rows go through map() at C speed (a row that raises gets its fault and the batch goes on), the
    # counter marking the batch (negative). After a kill inside a batch the zygote asks for rows one
    # at a time, where the row that hangs is found exactly.
    n = len(inputs)
    ctr, clock, code_of, fault_code, costly = _counter, _clock, voter.code, _fault_code, _COSTLY
    # Multi-label votes are bitmasks: only the all-abstain batch (-1 < 0) may skip the voter.
    k = 0 if voter.multi else voter.k
    noted = False
    i = start
    warm = min(n, start + 16) if batch and not timed else n
    warm_began = clock()
    while i < warm:
        ctr[0] = i + 1
        began = clock()
        shown = None
        try:
            v = fn(inputs[i])
            c, msg = code_of(v)
            if timed:
                shown = _dumps([_shown(v), (clock() - began) * 1000]).encode()
        except BaseException as e:
            c, msg = fault_code(e), (_cp_message(e) if timed or not noted else None)
            if timed:
                shown = _dumps([None, (clock() - began) * 1000]).encode()
        if msg is not None and (timed or not noted):
            noted = True
            _note(w, i, msg)
        if shown is not None:
            _write_all(w, b"R" + _pack("<II", i, len(shown)) + shown)
        view[i] = c
        run = run + 1 if c in costly else 0
        i += 1
        if max_run and run >= max_run:
            return _stop(w, view, typecode, i, n)
    if i > start and clock() - warm_began > 0.001 * (i - start):
        batch = False
    while i < n and batch:
        ctr[0] = -(i + 1)
        began = clock()
        got = []
        faults = None
        it = map(fn, inputs[i:i + _BATCH])
        while True:
            try:
                got.extend(it)
                break
            except BaseException as e:
                if faults is None:
                    faults = {}
                faults[len(got)] = e
                got.append(None)
        if faults is None and got and set(map(type, got)) == _INT_ONLY and min(got) >= -1 and max(got) < k:
            view[i:i + len(got)] = _array(typecode, got)  # the usual batch: small ints only, at C speed
            run = 0
        else:
            for idx, v in enumerate(got):
                if faults is not None and idx in faults:
                    e = faults[idx]
                    c, msg = fault_code(e), None
                    if not noted:
                        msg = _cp_message(e)
                else:
                    c, msg = code_of(v)
                if msg is not None and not noted:
                    noted = True
                    _note(w, i + idx, msg)
                view[i + idx] = c
                run = run + 1 if c in costly else 0
                if max_run and run >= max_run:
                    return _stop(w, view, typecode, i + idx + 1, n)
        i += len(got)
        if clock() - began > 0.05:
            break
    while i < n:
        ctr[0] = i + 1
        try:
            c, msg = code_of(fn(inputs[i]))
        except BaseException as e:
            c, msg = fault_code(e), (_cp_message(e) if not noted else None)
        if msg is not None and not noted:
            noted = True
            _note(w, i, msg)
        view[i] = c
        run = run + 1 if c in costly else 0
        i += 1
        if max_run and run >= max_run:
            return _stop(w, view, typecode, i, n)
    _write_all(w, b"E")


def _stop(w, view, typecode, i, n):
    if i < n:
        view[i:n] = _array(typecode, [_C_DISABLED]) * (n - i)
    _write_all(w, b"TE")


# ---- In the zygote ------------------------------------------------------------------------------
class _Fork:
    __slots__ = ("pid", "task_w", "res_r", "chunk")

    def __init__(self, pid, task_w, res_r, chunk):
        self.pid, self.task_w, self.res_r, self.chunk = pid, task_w, res_r, chunk


# The current apply: its id, vote settings, request counter and one fork per program index.
_apply = {"id": None, "forks": {}, "typecode": "b", "width": 1, "voter": None, "max_run": 3, "chunk": 0, "shared": False, "fmt": "json",
          "memory": _MEMORY_CAP if _MEMORY_CAP > 0 else 1 << 62}


def _reap(f):
    """Kills and reaps a fork; returns (wait status, peak resident memory in bytes)."""
    if f.pid in _reaped:
        status, peak = _reaped.pop(f.pid)
    else:
        try:
            _kill(f.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            _, status, usage = os.wait4(f.pid, 0)
            peak = usage.ru_maxrss * 1024
        except ChildProcessError:
            status, peak = 0, 0
    for fd in (f.task_w, f.res_r):
        try:
            _close(fd)
        except OSError:
            pass
    return status, peak


def _drop(idx):
    f = _apply["forks"].pop(idx, None)
    return _reap(f) if f is not None else (0, 0)


def _drop_all():
    for idx in list(_apply["forks"]):
        _drop(idx)


def _fork(source, fn_name, first):
    if len(_apply["forks"]) >= _MAX_FORKS:
        _drop(next(iter(_apply["forks"])))  # descriptors are finite: the oldest program restarts later
    r, w = os.pipe()
    task_r, task_w = os.pipe()
    try:
        # A chunk crosses to the fork in one write instead of many 64 KiB pieces.
        _fcntl.fcntl(task_w, _F_SETPIPE_SZ, 1 << 20)
    except OSError:
        pass
    _counter[0] = 0
    # Everything the zygote holds goes to the permanent generation: a collection in the fork never
    # walks (and so never copies) the inherited heap.
    gc.freeze()
    pid = os.fork()
    if pid == 0:
        try:
            resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
            _zygote[0] = False
            _fork_main(source, fn_name, task_r, w, first, _apply["typecode"], _apply["voter"], _apply["max_run"])
        finally:
            os._exit(70)
    _close(w)
    _close(task_r)
    # Writes to the fork never block the zygote (a fork that stops reading is killed instead).
    os.set_blocking(task_w, False)
    return _Fork(pid, task_w, r, _apply["chunk"])


# A fork that got at least this share of one core since it was last seen running is running (maybe
# starved by other processes); below it, it is sleeping or blocked. A sleeping fork uses ~0; a
# runnable one on a 2-core machine with a dozen busy processes still gets over 10%.
_RUNNING_SHARE = 0.02


def _cpu_seconds(pid):
    try:
        return _clock_gettime(((~pid) << 3) | 2)  # the process's CPU-time clock (clock_getcpuclockid)
    except OSError:
        return 0.0


def _send_within(fd, data, seconds):
    view = memoryview(data)
    end = _mono() + seconds
    while view:
        _, ready, _ = select.select([], [fd], [], max(0, end - _mono()))
        if not ready:
            return False
        try:
            view = view[_write(fd, view):]
        except BlockingIOError:
            pass
        except OSError:
            return False
    return True


class _Task:
    """One program on one chunk, as the zygote sees it: the codes collected so far and what happened."""

    __slots__ = ("n", "codes", "filled", "run", "first", "trip", "setup", "rows", "timed", "values")

    def __init__(self, n, width, run, timed):
        self.n, self.codes, self.filled, self.run = n, bytearray(n * width), 0, run
        self.values = memoryview(self.codes).cast("h" if width == 2 else "b")
        self.first, self.trip, self.setup, self.timed = None, None, False, timed
        self.rows = {} if timed else None

    def collect(self, upto):
        # Rows filled..upto-1 were finished by the fork: their codes are in the shared buffer.
        width = _apply["width"]
        upto = min(upto, self.n)
        if upto <= self.filled:
            return
        self.codes[self.filled * width:upto * width] = _codes_shm[self.filled * width:upto * width]
        trailing = 0
        for r in range(upto - 1, self.filled - 1, -1):
            if self.values[r] not in _COSTLY:
                break
            trailing += 1
        self.run = self.run + trailing if trailing == upto - self.filled else trailing
        self.filled = upto

    def fill(self, code, until, msg=None):
        # Rows filled..until-1 get `code`; the first of them carries msg.
        until = min(until, self.n)
        if until > self.filled:
            self.values[self.filled:until] = _array(self.values.format, [code]) * (until - self.filled)
            if msg is not None:
                self.note(self.filled, msg)
            self.run = self.run + (until - self.filled) if code in _COSTLY else 0
            self.filled = until

    def note(self, row, msg):
        if self.timed:
            self.rows.setdefault(row, [None, 0, None])[2] = msg
        if self.first is None or row < self.first[0]:
            self.first = [row, msg]


def _watch(f, t, row_s, deadline):
    # Reads the fork's records until its task ends. Returns "end", "setup", "timeout", "budget",
    # "died" or "junk".
    poller = select.poll()
    poller.register(f.res_r, _POLL_IN)
    poller.register(0, 0)  # the parent's end: a hang-up there means the parent is gone
    buf = b""
    seen, seen_at, cpu_at = _counter[0], _mono(), _cpu_seconds(f.pid)
    idle_at, idle_cpu = seen_at, cpu_at
    slice_ms = max(5, int(row_s * 125))
    # A row has row_s of CPU time. A row that holds no CPU (sleeps, waits) is stopped once it has
    # been off the CPU for twice that of wall time: "off" is measured, not assumed from the clock,
    # so a fork that is runnable but starved by a busy machine keeps its full CPU budget (a memory
    # bomb then gets as far before it is stopped on any load, and is classified the same way).
    # A batch is cut after row_s of wall time: its rows are then redone one by one.
    backstop = row_s * 2 + 0.2
    while True:
        for fd, ev in poller.poll(slice_ms):
            if fd == 0:
                os._exit(0)
            data = _read(f.res_r, 1 << 20)
            if not data:
                return "died"
            buf += data
            while buf:
                tag = buf[0]
                if tag == 77 or tag == 82 or tag == 83:  # M, R, S
                    head = 6 if tag == 83 else 9
                    if len(buf) < head:
                        break
                    a, size = _unpack_from("<bI", buf, 1) if tag == 83 else _unpack_from("<II", buf, 1)
                    if size > 65536 or (tag != 83 and a >= t.n):
                        return "junk"
                    if len(buf) < head + size:
                        break
                    text = buf[head:head + size].decode("utf-8", "replace")
                    buf = buf[head + size:]
                    if tag == 83:
                        if a != 0:
                            t.setup = True
                            t.fill(a if a == _C_MEMORY else _C_EXCEPTION, t.n, text[:600])
                            return "setup"
                    elif tag == 77:
                        t.note(a, text[:600])
                    elif t.timed:
                        try:
                            shown, ms = _loads(text)
                        except BaseException:
                            return "junk"
                        t.rows.setdefault(a, [None, 0, None])[:2] = [shown, ms]
                elif tag == 84:  # T
                    t.trip = "run"
                    buf = buf[1:]
                elif tag == 69:  # E
                    return "end" if len(buf) == 1 else "junk"
                else:
                    return "junk"
        now = _mono()
        if now > deadline:
            return "budget"
        c = _counter[0]
        cpu = _cpu_seconds(f.pid)
        if c != seen:
            seen, seen_at, cpu_at = c, now, cpu
            idle_at, idle_cpu = now, cpu
            continue
        if cpu - idle_cpu > (now - idle_at) * _RUNNING_SHARE:
            idle_at, idle_cpu = now, cpu
        if now - seen_at > row_s and (c < 0 or now - idle_at > backstop or cpu - cpu_at > row_s):
            return "timeout"


def _run_program(p, body, n, timed, row_s):
    """Program p ({i, src, fn, ms, lead}) on a chunk of n rows: (answer header, codes)."""
    idx = p["i"]
    max_run = _apply["max_run"]
    t = _Task(n, _apply["width"], int(p.get("lead", 0)), timed)
    started = _mono()
    deadline = started + max(0.0, p["ms"] / 1000)
    batch = not timed
    while t.filled < n and t.trip is None:
        task = [t.filled, t.run, batch, timed]
        f = _apply["forks"].get(idx)
        _counter[0] = -(t.filled + 1)
        if f is None:
            f = _apply["forks"][idx] = _fork(p["src"], p["fn"], (body, task, _apply["fmt"]))
        else:
            fresh = f.chunk != _apply["chunk"]
            shared = len(body) if fresh and _apply["shared"] else 0
            header = _dumps(task + [_apply["fmt"], shared]).encode()
            data = body if fresh and not shared else b""
            f.chunk = _apply["chunk"]
            if not _send_within(f.task_w, f"{len(header)} {len(data)}\n".encode() + header + data, row_s + 1):
                _drop(idx)
                continue
        outcome = _watch(f, t, row_s, deadline)
        if _apply["shared"] and _shm[:len(body)] != body:
            _shm[:len(body)] = body
            _drop(idx)
            t.fill(_C_CRASH, n, "the program changed the shared copy of its input rows")
            break
        c = _counter[0]
        if outcome == "end":
            t.collect(n)
            if t.trip is not None:
                _drop(idx)
            break
        closed_pipe = outcome == "died" and _still_running(f.pid)
        status, peak = _drop(idx)
        if outcome == "setup":
            break
        if outcome == "junk":
            # Nothing it reported in this task is trusted (and what is kept must not depend on timing).
            t.fill(_C_CRASH, n, "the program corrupted its result stream")
            break
        # Every row before the one it was on (or the batch it was in) is finished: keep them.
        t.collect(c - 1 if c > 0 else -c - 1 if c < 0 else t.filled)
        if outcome == "budget":
            t.trip = "budget"
            t.fill(_C_DISABLED, n)
            break
        timed_out = outcome == "timeout" or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU)
        # Stopped while holding a quarter of its memory cap or more: it was filling memory, not just
        # slow. (Allocation is CPU work: within its CPU budget a memory bomb gets this far on any load.)
        out_of_memory = timed_out and peak * 4 >= _apply["memory"]
        if c == 0:
            # The top level never finished: every row gets the same fault, as if it ran on each.
            t.setup = True
            if out_of_memory:
                t.fill(_C_MEMORY, n, f"the top-level code ran out of memory ({peak >> 20} MiB when stopped)")
            elif timed_out:
                t.fill(_C_TIMEOUT, n, "the top-level code ran past the time limit")
            else:
                t.fill(_C_CRASH, n, f"the program's process {_how(status)} while running its top-level code")
            break
        if c < 0:
            # Killed or died inside a batch: which row did it is unknown, so go on from there row by row.
            batch = False
            if -c - 1 >= n:
                t.fill(_C_CRASH, n, "the program's process stopped outside any row")
                break
            continue
        row = c - 1
        if row != t.filled:
            t.fill(_C_CRASH, n, "the program's process stopped outside any row")
            break
        how = "closed its result stream" if closed_pipe else _how(status)
        message = f"ran out of memory ({peak >> 20} MiB when stopped)" if out_of_memory else "ran past the time limit" if timed_out else f"the program's process {how}"
        t.fill(_C_MEMORY if out_of_memory else _C_TIMEOUT if timed_out else _C_CRASH, row + 1, message)
        if max_run and t.run >= max_run:
            t.trip = "run"
            t.fill(_C_DISABLED, n)
            break
        batch = False
    rows = [t.rows.get(r, [None, 0, None]) for r in range(n)] if timed else None
    head = {"i": idx, "ms": (_mono() - started) * 1000, "first": t.first, "trip": t.trip, "setup": t.setup, "rows": rows}
    codes = t.codes
    if t.values.format == "h" and not _LITTLE:
        swapped = _array("h", codes)
        swapped.byteswap()
        codes = swapped.tobytes()
    return _dumps(head).encode(), bytes(codes)


def _still_running(pid):
    # Its result pipe closed: it exited (reaped within 100 ms), or it closed the pipe and runs on.
    until = _mono() + 0.1
    while _mono() < until:
        try:
            done, status, usage = os.wait4(pid, os.WNOHANG)
        except ChildProcessError:
            return False
        if done:
            # Reaped here: _reap takes the status from here.
            _reaped[pid] = (status, usage.ru_maxrss * 1024)
            return False
        select.select([], [], [], 0.002)
    return True


_reaped = {}


def _how(status):
    if os.WIFSIGNALED(status):
        return f"was killed by signal {os.WTERMSIG(status)}"
    return f"exited with code {os.WEXITSTATUS(status)}"



def _answer(header, body=b""):
    _write_all(1, f"{len(header)} {len(body)}\n".encode() + header + body)


def _serve():
    while True:
        hlen, blen = map(int, _read_line(0).split())
        req = _loads(_read_exact(0, hlen))
        body = _read_exact(0, blen) if blen else b""
        kind = req["t"]
        if kind == "check":
            _answer(_alchemist_check(req["src"], req["fn"]).encode())
            continue
        if kind == "end":
            _drop_all()
            _answer(b'{"done":true}')
            continue
        # run / try
        timed = kind == "try"
        apply_id = req["apply"]
        if timed or apply_id != _apply["id"]:
            _drop_all()
            classes = req["classes"]
            multi = req.get("multi") is True
            width = 2 if (2 ** len(classes) if multi else len(classes)) > 120 else 1
            _apply.update(id=None if timed else apply_id, typecode="h" if width == 2 else "b", width=width,
                          voter=_Voter(classes, multi), max_run=int(req.get("maxRun", 3)), chunk=0)
        _apply["chunk"] += 1
        _apply["fmt"] = "marshal" if req.get("fmt") == "marshal" else "json"
        _apply["shared"] = 0 < len(body) <= _SHM_BYTES
        if _apply["shared"]:
            _shm[:len(body)] = body
        budget_s = req["budget"] / 1000
        for p in req["programs"]:
            head, codes = _run_program(p, body, req["rows"], timed, budget_s)
            _answer(head, codes)
        if timed:
            _drop_all()
        _answer(b'{"done":true}')


_answer(_dumps({"ready": True, "inside": _INSIDE}).encode())
_serve()
