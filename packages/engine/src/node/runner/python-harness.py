# Runs inside Pyodide in a runner child. Programs get fresh globals with a fresh copy of a
# restricted __builtins__ (no open, no import of the JS bridge); this layer is best effort, the
# locked-down process is the boundary. Before a task of a different program (or a check) the
# interpreter's shared state (module dicts, class dicts of Python-defined classes, sys settings,
# imported modules) is put back to the snapshot taken at start, so a program that monkey-patches
# `re` or `builtins` affects no other; consecutive chunks of one program skip that restore.
import ast, builtins, gc, json, sys, traceback
from time import perf_counter as _clock
import re, math, string, collections, itertools, functools, unicodedata, operator, random, datetime  # preloaded: in the snapshot

_BLOCKED = {"js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core", "micropip", "ctypes", "_ctypes",
            "importlib", "subprocess", "socket", "__main__", "builtins", "gc", "inspect", "pyodide_http",
            "asyncio", "_asyncio", "threading", "_thread", "concurrent", "sys", "os", "posix", "io", "_io",
            "pathlib", "shutil", "tempfile", "glob", "signal", "faulthandler", "ssl", "http", "urllib", "zipimport",
            "_socket", "select", "selectors", "_ssl", "ftplib", "smtplib", "_posixsubprocess", "mmap", "multiprocessing"}
_MAX_TEXT = 1000
_MAX_MESSAGE = 300
_real_import = builtins.__import__

def _guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    if name.split(".")[0] in _BLOCKED:
        raise ImportError(f"import of {name} is not allowed in labeling programs")
    return _real_import(name, globals, locals, fromlist, level)

def _no_files(*args, **kwargs):
    raise PermissionError("labeling programs cannot open files")

_SAFE_BUILTINS = {k: v for k, v in vars(builtins).items() if k not in {"open", "breakpoint", "input", "exit", "quit", "help"}}
_SAFE_BUILTINS["__import__"] = _guarded_import
_SAFE_BUILTINS["open"] = _no_files

_HEAPTYPE, _IMMUTABLE = 1 << 9, 1 << 8
_MISSING = object()
_snap = None

from operator import is_ as _is

def _same(current, keys, values):
    # C-level identity checks (no user __eq__ runs, ~1 us per 100 entries under WASM).
    return len(current) == len(keys) and all(map(_is, current, keys)) and all(map(_is, current.values(), values))

def _take_snapshot():
    global _snap
    mods = []
    for name, m in list(sys.modules.items()):
        d = getattr(m, "__dict__", None)
        if not isinstance(d, dict):
            continue
        classes = [(c, dict(c.__dict__), tuple(c.__dict__), tuple(c.__dict__.values())) for c in d.values()
                   if isinstance(c, type) and c.__flags__ & _HEAPTYPE and not c.__flags__ & _IMMUTABLE]
        mods.append((name, m, d.copy(), tuple(d), tuple(d.values()), classes))
    _snap = (mods, set(sys.modules), sys.getrecursionlimit(), sys.get_int_max_str_digits())
    for entry in mods:
        if entry[1] is sys.modules[__name__]:
            entry[2]["_snap"] = _snap  # the copy was taken before _snap existed

def _restore():
    mods, names, limit, digits = _snap
    if len(sys.modules) != len(names):
        for name in [n for n in sys.modules if n not in names]:
            del sys.modules[name]
    for name, m, saved, keys, values, classes in mods:
        if sys.modules.get(name) is not m:
            sys.modules[name] = m
        d = m.__dict__
        if not _same(d, keys, values):
            d.clear()
            d.update(saved)
        for c, cd, ckeys, cvalues in classes:
            if not _same(c.__dict__, ckeys, cvalues):
                for k in [k for k in c.__dict__ if k not in cd]:
                    delattr(c, k)
                for k, v in cd.items():
                    if c.__dict__.get(k, _MISSING) is not v and k not in ("__dict__", "__weakref__", "__doc__"):
                        setattr(c, k, v)
    sys.setrecursionlimit(limit)
    sys.set_int_max_str_digits(digits)
    sys.settrace(None)
    sys.setprofile(None)
    gc.enable()

def _lockdown():
    for name in list(sys.modules):
        if name.split(".")[0] in {"js", "pyodide_js", "micropip"}:
            sys.modules[name] = None
    for name in ("js", "pyodide_js"):
        sys.modules[name] = None
    sys.meta_path[:] = [f for f in sys.meta_path if "Js" not in type(f).__name__]
    _take_snapshot()

def _message(e):
    line = None
    for frame in traceback.extract_tb(e.__traceback__):
        if frame.filename == "<program>":
            line = frame.lineno
    if isinstance(e, SyntaxError) and e.filename == "<program>":
        line = e.lineno
    try:
        text = f"{type(e).__name__}: {str(e)[:_MAX_MESSAGE]}"
    except BaseException:
        text = type(e).__name__
    return text + (f" (line {line})" if line else "")

def _encode(v):
    if v is None or type(v) is bool:
        return v
    if type(v) is str:
        return v if len(v) <= _MAX_TEXT else {"f": "invalid-output", "m": f"returned a string of {len(v)} characters"}
    if isinstance(v, int):
        return v if abs(v) < 2**53 else {"f": "invalid-output", "m": f"returned int {v}"}
    return {"f": "invalid-output", "m": f"returned {type(v).__name__} {_show(v, 60)}"}

def _show(v, limit):
    # repr of a hostile object can loop, raise or be huge; the budget watchdog covers loops.
    try:
        if isinstance(v, str):
            return repr(v[:limit]) + ("..." if len(v) > limit else "")
        text = repr(v)
        return text[:limit] + ("..." if len(text) > limit else "")
    except BaseException as e:
        return f"<unprintable {type(v).__name__}: {type(e).__name__}>"

def _fault(e):
    if isinstance(e, KeyboardInterrupt):
        return {"f": "timeout", "m": "ran past the time limit"}
    if isinstance(e, MemoryError):
        return {"f": "memory", "m": _message(e)}
    return {"f": "exception", "m": _message(e)}

# Parsed chunks the child keeps for the current apply (key "apply:chunk", passed only for kept
# chunks); the dict object survives _restore, its contents are ours.
_inputs_cache = {}

def _inputs(inputs_json, key):
    if type(key) is not str:
        key = None  # JS null arrives as JsNull
    if key is not None and key in _inputs_cache:
        return _inputs_cache[key]
    inputs = json.loads(inputs_json)
    if key is not None and any(k.rpartition(":")[0] != key.rpartition(":")[0] for k in _inputs_cache):
        _inputs_cache.clear()
    # Only immutable inputs (texts) are shared between programs; a record (dict) could be mutated by one program.
    if key is not None and all(type(x) is str for x in inputs):
        _inputs_cache[key] = inputs
    return inputs

# Which program's leftovers the interpreter may hold (None: it is at the snapshot). A list, so the
# object in __main__ stays the same and _restore's identity check does not see it change.
_dirty = [None]

def _clean(program_id):
    # Restores before a DIFFERENT program (or a check) runs, not between chunks of the same one:
    # a program sees only its own leftovers, never another's.
    if _dirty[0] is not None and (program_id is None or _dirty[0] != program_id):
        _restore()
    _dirty[0] = program_id

def _alchemist_run(source, fn_name, inputs_json, tick, slice_s, timed=False, cap_hit=None, key=None, program_id=None):
    _clean(program_id if program_id is not None else object())
    return _run(source, fn_name, _inputs(inputs_json, key), tick, slice_s, timed, cap_hit)

def _run(source, fn_name, inputs, tick, slice_s, timed, cap_hit):
    # tick() tells the watchdog that work moves on; it costs ~3 us, so it is called only when
    # slice_s has passed. The watchdog interrupts after budget + slice without a tick, so a row
    # is interrupted once it has run between its budget and budget + slice.
    g = {"__builtins__": dict(_SAFE_BUILTINS), "__name__": "__program__"}
    try:
        tick(0)
        exec(compile(source, "<program>", "exec"), g)
        fn = g.get(fn_name)
        if not callable(fn):
            raise NameError(f"no function named {fn_name} is defined")
    except BaseException as e:
        tick(-1)
        f = _fault(e)
        return json.dumps([[f, None, 0] if timed else f] * len(inputs))
    out = []
    last = -1.0
    for i, x in enumerate(inputs):
        try:
            now = _clock()
            if now - last >= slice_s:
                tick(i)
                last = now
            v = fn(x)
            r = _encode(v)
            if timed:
                shown = v if r is v and (type(v) is not str or len(v) <= 200) else _show(v, 200)
                r = [r, shown, (_clock() - now) * 1000]
        except BaseException as e:
            r = _fault(e)
            # Past the WASM cap CPython may fail in odd ways (TypeError with empty names...): the cause is memory.
            if cap_hit is not None and cap_hit():
                r = {"f": "memory", "m": f"ran out of memory (interpreter memory cap reached; {r['m'][:120]})"}
            if timed:
                r = [r, None, (_clock() - now) * 1000]
        out.append(r)
    tick(-1)
    return json.dumps(out)

def _alchemist_check(source, fn_name):
    _clean(None)
    try:
        tree = ast.parse(source, "<program>")
    except SyntaxError as e:
        return json.dumps({"ok": False, "errors": [{"message": f"SyntaxError: {e.msg}", "line": e.lineno, "column": e.offset}]})
    defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == fn_name]
    if not defs:
        return json.dumps({"ok": False, "errors": [{"message": f"no top-level def {fn_name}(...) found"}]})
    a = defs[-1].args
    positional = len(a.posonlyargs) + len(a.args)
    required = positional - len(a.defaults)
    kw_required = sum(1 for d in a.kw_defaults if d is None)
    if required > 1 or (positional == 0 and a.vararg is None) or kw_required:
        return json.dumps({"ok": False, "errors": [{"message": f"{fn_name} must accept exactly one positional argument", "line": defs[-1].lineno}]})
    return json.dumps({"ok": True, "errors": []})
