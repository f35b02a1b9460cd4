# Runs inside Pyodide in a runner child. Programs get fresh globals with a restricted
# __builtins__ (no open, no import of the JS bridge); best effort, the process is the boundary.
import ast, builtins, json, sys, traceback
from time import perf_counter as _clock

_BLOCKED = {"js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core", "micropip", "ctypes",
            "importlib", "subprocess", "socket", "__main__", "builtins", "gc", "inspect"}
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

def _lockdown():
    for name in list(sys.modules):
        if name.split(".")[0] in {"js", "pyodide_js", "micropip"}:
            sys.modules[name] = None
    for name in ("js", "pyodide_js"):
        sys.modules[name] = None
    sys.meta_path[:] = [f for f in sys.meta_path if "Js" not in type(f).__name__]

def _message(e):
    line = None
    for frame in traceback.extract_tb(e.__traceback__):
        if frame.filename == "<program>":
            line = frame.lineno
    if isinstance(e, SyntaxError) and e.filename == "<program>":
        line = e.lineno
    text = f"{type(e).__name__}: {e}"
    return text + (f" (line {line})" if line else "")

def _encode(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v if abs(v) < 2**53 else {"f": "invalid-output", "m": f"returned int {v}"}
    return {"f": "invalid-output", "m": f"returned {type(v).__name__} {repr(v)[:60]}"}

def _fault(e):
    if isinstance(e, KeyboardInterrupt):
        return {"f": "timeout", "m": "ran past the time limit"}
    if isinstance(e, MemoryError):
        return {"f": "memory", "m": _message(e)}
    return {"f": "exception", "m": _message(e)}

def _alchemist_run(source, fn_name, inputs_json, tick, slice_s):
    # tick() tells the watchdog that work moves on; it costs ~3 us, so it is called only when
    # slice_s has passed. The watchdog interrupts after budget + slice without a tick, so a row
    # is interrupted once it has run between its budget and budget + slice.
    inputs = json.loads(inputs_json)
    g = {"__builtins__": _SAFE_BUILTINS, "__name__": "__program__"}
    try:
        tick(0)
        exec(compile(source, "<program>", "exec"), g)
        fn = g.get(fn_name)
        if not callable(fn):
            raise NameError(f"no function named {fn_name} is defined")
    except BaseException as e:
        tick(-1)
        return json.dumps([_fault(e)] * len(inputs))
    out = []
    last = -1.0
    for i, x in enumerate(inputs):
        try:
            now = _clock()
            if now - last >= slice_s:
                tick(i)
                last = now
            r = _encode(fn(x))
        except BaseException as e:
            r = _fault(e)
        out.append(r)
    tick(-1)
    return json.dumps(out)

def _alchemist_check(source, fn_name):
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
