# Shared by both Python runtimes (the CPython sandbox appends cpython-harness.py, Pyodide appends
# pyodide-harness.py): the import allowlist, restricted builtins, how a returned value becomes a
# vote code (vote-codes.ts holds the same numbers), fault messages and the static check.
# Programs get fresh globals with a fresh copy of the restricted __builtins__; this layer is best
# effort, the runtime's isolation (forks in an OS sandbox; a locked-down process) is the boundary.
import ast, builtins, gc, json, sys
from array import array as _array
from time import perf_counter as _clock
import re, math, string, collections, itertools, functools, unicodedata, operator, random, datetime  # preloaded

_BLOCKED = {"js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core", "micropip", "ctypes", "_ctypes",
            "importlib", "subprocess", "socket", "__main__", "builtins", "gc", "inspect", "pyodide_http",
            "asyncio", "_asyncio", "threading", "_thread", "concurrent", "sys", "os", "posix", "io", "_io",
            "pathlib", "shutil", "tempfile", "glob", "signal", "faulthandler", "ssl", "http", "urllib", "zipimport",
            "_socket", "select", "selectors", "_ssl", "ftplib", "smtplib", "_posixsubprocess", "mmap", "multiprocessing"}
_MAX_TEXT = 1000
_MAX_MESSAGE = 300
_real_import = builtins.__import__


# The program's import and open live in their own tiny globals: a program holding them (they are
# in its __builtins__) must not reach the harness's globals through __globals__.
_iso = {"__builtins__": {}, "_real": _real_import, "_blocked": frozenset(_BLOCKED),
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
_SAFE_BUILTINS = {k: v for k, v in vars(builtins).items() if k not in {"open", "breakpoint", "input", "exit", "quit", "help"}}
_SAFE_BUILTINS["__import__"] = _iso["__import__"]
_SAFE_BUILTINS["open"] = _iso["open"]
del _iso

# Chunks are parsed with json's C scanner, made before any program runs: a program that patches
# json or builtins (len.__self__.len = ...) cannot break the parsing of its own later chunks.
_scan = json.scanner.c_make_scanner(json.JSONDecoder())
_text_len = str.__len__


def _parse_json(text):
    value, end = _scan(text, 0)
    if end != _text_len(text):
        raise ValueError("trailing characters after the chunk")
    return value


# Vote codes (vote-codes.ts): a class index 0..k-1, -1 (abstain), or one of these faults.
_C_EXCEPTION, _C_TIMEOUT, _C_INVALID, _C_MEMORY, _C_CRASH, _C_DISABLED = -2, -3, -4, -5, -6, -7
_INT_ONLY = {int}
# The C-level traceback slot: a program's class may define a `__traceback__` property, and the
# harness must never run program code while it reads frames.
_TB = BaseException.__traceback__.__get__
_TYPE_NAME = type.__dict__["__name__"].__get__


def _type_name(v):
    try:
        return str(_TYPE_NAME(type(v)))[:80]
    except BaseException:
        return "object"


def _program_line(e):
    # Line of the innermost <program> frame; the CPython harness wraps this with the audit hook's leave.
    line = None
    tb = _TB(e)
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<program>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _message(e, line_of=_program_line):
    try:
        line = line_of(e)
    except BaseException:
        line = None
    if type(e) is SyntaxError or issubclass(type(e), SyntaxError):
        try:
            if e.filename == "<program>" and type(e.lineno) is int:
                line = e.lineno
        except BaseException:
            pass
    try:
        text = f"{_type_name(e)}: {str(str(e)[:_MAX_MESSAGE])}"
    except BaseException:
        text = _type_name(e)
    return text + (f" (line {line})" if line else "")


def _fault_code(e):
    return _C_MEMORY if issubclass(type(e), MemoryError) else _C_EXCEPTION


def _show(v, limit):
    # repr of a hostile object can loop, raise or be huge; the row budget covers loops.
    try:
        if type(v) is str:
            return repr(v[:limit]) + ("..." if len(v) > limit else "")
        text = str(repr(v))
        return text[:limit] + ("..." if len(text) > limit else "")
    except BaseException as e:
        return f"<unprintable {_type_name(v)}: {_type_name(e)}>"


def _shown(v):
    # What "run on sample" displays: JSON-safe primitives as they are, anything else as short text.
    if v is None or type(v) is bool or (type(v) is int and -2**53 < v < 2**53) or (type(v) is str and len(v) <= 200):
        return v
    return _show(v, 200)


class _Voter:
    """Turns what a program returned into a vote code, with normalizeVote's rules (an index -1..k-1,
    an exact class name, then a case-insensitive one); anything else is invalid output."""

    __slots__ = ("k", "exact", "lower", "expected", "multi")

    def __init__(self, classes, multi=False):
        self.k = len(classes)
        self.multi = multi
        self.exact = {c: i for i, c in enumerate(classes)}
        self.lower = {}
        for i, c in enumerate(classes):
            self.lower.setdefault(c.lower(), i)
        names = ", ".join(f'"{c}"' for c in classes)
        self.expected = f"expected a class index 0..{self.k - 1}, -1 (abstain) or one of {names}"
        if multi:
            self.expected = f"expected a list of classes (indices 0..{self.k - 1} or names {names}), one class, or -1 (abstain)"

    def code(self, v):
        """(code, message or None)."""
        if self.multi:
            return self.set_code(v)
        t = type(v)
        if t is int:
            if -1 <= v < self.k:
                return v, None
            return _C_INVALID, f"returned {'number ' + str(v) if -2**53 < v < 2**53 else 'int ' + _show(v, 60)}, {self.expected}"
        if t is str:
            if len(v) > _MAX_TEXT:
                return _C_INVALID, f"returned a string of {len(v)} characters"
            i = self.exact.get(v)
            if i is None:
                i = self.lower.get(v.lower())
            if i is not None:
                return i, None
            return _C_INVALID, f'returned "{v[:40] + "..." if len(v) > 40 else v}", {self.expected}'
        if v is None:
            return _C_INVALID, f"returned None/null, {self.expected}"
        if t is bool:
            return _C_INVALID, f"returned boolean {'true' if v else 'false'}, {self.expected}"
        return _C_INVALID, f"returned {_type_name(v)} {_show(v, 60)}"

    def set_code(self, v):
        """Multi-label: a list, tuple or set of classes (or one class) becomes the bitmask of their
        indices (vote-codes.ts), -1 abstains. Exact types only, so no program method runs here."""
        t = type(v)
        if t is int and v == -1:
            return -1, None
        if t is int or t is str:
            items = (v,)
        elif t is list or t is tuple or t is set or t is frozenset:
            if len(v) > 1000:
                return _C_INVALID, f"returned a {t.__name__} of {len(v)} items, {self.expected}"
            items = v
        elif v is None:
            return _C_INVALID, f"returned None/null, {self.expected}"
        else:
            return _C_INVALID, f"returned {_type_name(v)} {_show(v, 60)}, {self.expected}"
        mask = 0
        for x in items:
            tx = type(x)
            i = None
            if tx is int:
                if 0 <= x < self.k:
                    i = x
            elif tx is str and len(x) <= _MAX_TEXT:
                i = self.exact.get(x)
                if i is None:
                    i = self.lower.get(x.lower())
            if i is None:
                return _C_INVALID, f"returned {_show(v, 60)}: {_show(x, 40)} is not a class, {self.expected}"
            mask |= 1 << i
        return mask, None


def _alchemist_check(source, fn_name):
    try:
        tree = ast.parse(source, "<program>")
    except SyntaxError as e:
        return json.dumps({"ok": False, "errors": [{"message": f"SyntaxError: {e.msg}", "line": e.lineno, "column": e.offset}]})
    except (MemoryError, RecursionError) as e:
        return json.dumps({"ok": False, "errors": [{"message": f"{type(e).__name__}: the program is too deeply nested to parse"}]})
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
