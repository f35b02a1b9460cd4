# The Pyodide runtime's harness, appended to python-harness.py and run by pyodide-sandbox.mjs in a
# private namespace (not __main__, not in sys.modules). Pyodide has one interpreter per sandbox
# process, so what keeps programs apart is done here:
# - An audit hook denies the introspection that reaches other code's state: frame and code
#   attributes, sys._getframe, gc walks, trace/profile functions, new audit hooks, code and function
#   construction, marshal. Harness code lifts it only to read line numbers (C-level slots).
# - The program's __import__ and open live in tiny globals of their own (no way to this namespace).
# - Before a different program runs, shared interpreter state is put back to the snapshot taken at
#   start: module dicts, class dicts of Python classes, module-level containers (lists, dicts) and
#   instance dicts (json's default encoder...), functions' code, defaults and closure cells, the
#   random module's state, re's caches, sys settings and imported modules.
# - Results leave as primitives (ints, floats, str, bytes) that the host copies.
import random as _random_module
from operator import is_ as _is
from types import FunctionType as _FunctionType

_HEAPTYPE, _IMMUTABLE = 1 << 9, 1 << 8
_MISSING = object()
_COSTLY = frozenset((_C_TIMEOUT, _C_MEMORY, _C_CRASH))
_py_allow = [0]
_DENIED = frozenset({
    "sys._getframe", "sys._current_frames", "sys.settrace", "sys.setprofile", "sys.addaudithook",
    "gc.get_objects", "gc.get_referrers", "gc.get_referents", "code.__new__", "function.__new__", "marshal.loads",
    "marshal.load", "sys.set_asyncgen_hooks", "cpython.PyInterpreterState_Clear", "cpython._PySys_ClearAuditHooks",
})


def _make_py_hook(allow, denied):
    def hook(event, args):
        if allow[0]:
            return
        if event == "object.__getattr__" or event in denied:
            if event == "sys._getframe":
                raise ValueError("call stack inspection is not allowed in labeling programs")
            raise PermissionError(f"{event} is not allowed in labeling programs")
    return hook


def _py_line(e):
    _py_allow[0] += 1
    try:
        return _program_line(e)
    finally:
        _py_allow[0] -= 1


def _py_message(e):
    return _message(e, _py_line)



_snap = None


def _same(current, keys, values):
    # C-level identity checks: no program __eq__ runs.
    return len(current) == len(keys) and all(map(_is, current, keys)) and all(map(_is, current.values(), values))


def _take_snapshot():
    global _snap
    mods, containers, instances, functions = [], [], [], []
    seen = set()
    for name, m in list(sys.modules.items()):
        d = getattr(m, "__dict__", None)
        if type(d) is not dict:
            continue
        classes = [(c, dict(c.__dict__), tuple(c.__dict__), tuple(c.__dict__.values())) for c in d.values()
                   if isinstance(c, type) and c.__flags__ & _HEAPTYPE and not c.__flags__ & _IMMUTABLE]
        mods.append((name, m, d.copy(), tuple(d), tuple(d.values()), classes))
        values = list(d.values())
        for _, cd, _, _ in classes:
            values.extend(cd.values())
        for v in values:
            if id(v) in seen:
                continue
            seen.add(id(v))
            t = type(v)
            if t is dict:
                containers.append((v, dict(v), tuple(v), tuple(v.values())))
            elif t is list:
                containers.append((v, list(v), None, None))
            elif t is _FunctionType:
                cells = tuple(c.cell_contents for c in (v.__closure__ or ()) if _cell_ok(c))
                functions.append((v, v.__code__, v.__defaults__, v.__kwdefaults__, cells, dict(v.__dict__)))
            elif t.__flags__ & _HEAPTYPE and not isinstance(v, type) and type(getattr(v, "__dict__", None)) is dict:
                instances.append((v, dict(v.__dict__), tuple(v.__dict__), tuple(v.__dict__.values())))
    _snap = (mods, containers, instances, functions, set(sys.modules), sys.getrecursionlimit(), sys.get_int_max_str_digits(),
             _random_module.getstate())


def _cell_ok(cell):
    try:
        cell.cell_contents
        return True
    except ValueError:
        return False


def _restore():
    mods, containers, instances, functions, names, limit, digits, rstate = _snap
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
    for c, saved, keys, values in containers:
        if keys is None:
            if len(c) != len(saved) or not all(map(_is, c, saved)):
                c[:] = saved
        elif not _same(c, keys, values):
            c.clear()
            c.update(saved)
    for obj, saved, keys, values in instances:
        d = obj.__dict__
        if not _same(d, keys, values):
            d.clear()
            d.update(saved)
    for f, code, defaults, kwdefaults, cells, fdict in functions:
        if f.__code__ is not code:
            f.__code__ = code
        if f.__defaults__ is not defaults:
            f.__defaults__ = defaults
        if f.__kwdefaults__ is not kwdefaults:
            f.__kwdefaults__ = kwdefaults
        for cell, value in zip(f.__closure__ or (), cells):
            if _cell_ok(cell) and cell.cell_contents is not value:
                cell.cell_contents = value
        if len(f.__dict__) != len(fdict):
            f.__dict__.clear()
            f.__dict__.update(fdict)
    _random_module.setstate(rstate)
    re.purge()
    sys.setrecursionlimit(limit)
    sys.set_int_max_str_digits(digits)
    gc.enable()


def _lockdown():
    for name in list(sys.modules):
        if name.split(".")[0] in {"js", "pyodide_js", "micropip"}:
            sys.modules[name] = None
    for name in ("js", "pyodide_js"):
        sys.modules[name] = None
    sys.meta_path[:] = [f for f in sys.meta_path if "Js" not in type(f).__name__]
    _take_snapshot()
    sys.addaudithook(_make_py_hook(_py_allow, _DENIED))


# The programs of the current apply: index -> (globals, function, setup fault). `_dirty` names the
# program whose leftovers the interpreter may hold (None: it is at the snapshot).
_programs = {}
_dirty = [None]
_voter = [None]


def _clean(key):
    # Restores before a DIFFERENT program (or a check) runs, not between chunks of the same one.
    if _dirty[0] is not None and _dirty[0] != key:
        _py_allow[0] += 1
        try:
            _restore()
        finally:
            _py_allow[0] -= 1
    _dirty[0] = key


def _alchemist_begin(apply_key, classes_json, multi=False):
    # A new apply (or a try): programs start from scratch.
    _programs.clear()
    _programs["apply"] = apply_key
    _voter[0] = _Voter(_parse_json(classes_json), multi is True)


def _setup(idx, source, fn_name):
    g = {"__builtins__": dict(_SAFE_BUILTINS), "__name__": "__program__"}
    try:
        exec(compile(source, "<program>", "exec"), g)
        fn = g.get(fn_name)
        if not callable(fn):
            raise NameError(f"no function named {fn_name} is defined")
        return (g, fn, None)
    except KeyboardInterrupt:
        return (g, None, (_C_TIMEOUT, "the top-level code ran past the time limit"))
    except BaseException as e:
        return (g, None, (_fault_code(e), _py_message(e)))


def _alchemist_program(idx, source, fn_name, inputs_json, lead, max_run, budget_ms, tick, slice_s, cap_hit, width, timed):
    """Runs one program on a chunk. Returns (ms, first row or -1, first message, trip, setup, codes bytes, timed rows JSON)."""
    started = _clock()
    key = (_programs.get("apply"), idx)
    _clean(key)
    entry = _programs.get(idx)
    if entry is None:
        tick(0)
        entry = _programs[idx] = _setup(idx, source, fn_name)
        tick(-1)
    g, fn, setup = entry
    inputs = _parse_json(inputs_json)
    n = len(inputs)
    codes = _array("h" if width == 2 else "b")
    if setup is not None:
        codes.extend([setup[0]] * n)
        return ((_clock() - started) * 1000, 0, setup[1], "", True, codes.tobytes(), "")
    voter = _voter[0]
    code_of, fault_code = voter.code, _fault_code
    deadline = started + budget_ms / 1000
    first_row, first_msg, trip = -1, "", ""
    rows = [] if timed else None
    run = lead
    last = -1.0
    i = 0
    while i < n:
        x = inputs[i]
        now = _clock()
        if now > deadline:
            trip = "budget"
            break
        if now - last >= slice_s:
            tick(i)
            last = now
        msg = None
        try:
            v = fn(x)
            c, msg = code_of(v)
            if timed:
                rows.append([_shown(v), (_clock() - now) * 1000, msg])
        except BaseException as e:
            if issubclass(type(e), KeyboardInterrupt):
                c, msg = _C_TIMEOUT, "ran past the time limit"
            else:
                c = fault_code(e)
                if cap_hit():
                    # Past the WASM cap CPython may fail in odd ways (TypeError with empty names...): the cause is memory.
                    c = _C_MEMORY
                msg = _py_message(e) if first_row < 0 or timed else None
                if c == _C_MEMORY and msg is not None and not msg.startswith("MemoryError"):
                    msg = f"ran out of memory (interpreter memory cap reached; {msg[:120]})"
            if timed:
                rows.append([None, (_clock() - now) * 1000, msg])
        if c < -1 and first_row < 0:
            first_row, first_msg = i, msg or ""
        codes.append(c)
        run = run + 1 if c in _COSTLY else 0
        i += 1
        if max_run and run >= max_run:
            trip = "run"
            break
    tick(-1)
    if i < n:
        codes.extend([_C_DISABLED] * (n - i))
        if timed:
            rows.extend([None, 0, None] for _ in range(n - i))
    return ((_clock() - started) * 1000, first_row, first_msg[:600], trip, False, codes.tobytes(), json.dumps(rows) if timed else "")


def _alchemist_check_clean(source, fn_name):
    _clean(None)
    return _alchemist_check(source, fn_name)
