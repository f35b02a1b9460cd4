import type { Program } from "../../core/program";

// Dunder names ordinary labeling code uses; any other dunder (`__globals__`, `__subclasses__`,
// `__builtins__`, `__code__`, `__getattribute__`...) is how Python code reaches interpreter internals.
const PLAIN_DUNDERS = new Set(["__init__", "__name__", "__len__", "__eq__", "__hash__", "__repr__", "__str__", "__lt__", "__le__", "__gt__", "__ge__", "__contains__", "__iter__", "__next__", "__getitem__", "__main__", "__future__", "__call__", "__doc__", "__slots__"]);
const DUNDER = /__[A-Za-z0-9_]+?__/g;
// Builtins and modules count when used bare (`compile(...)`, not `re.compile(...)`); frame and
// code attributes count anywhere.
const INTROSPECTION = /(?<![.\w])(getattr|setattr|delattr|vars|globals|locals|eval|exec|compile|attrgetter|methodcaller|sys|gc|importlib|inspect|ctypes)\b|\b(tb_frame|tb_next|f_back|f_globals|f_locals|f_builtins|gi_frame|cr_frame|ag_frame|gi_code|co_code)\b/;

/**
 * Whether a program must run in an interpreter that is thrown away after its task. A Python
 * program that introspects (frames, `__globals__`, `__subclasses__`, getattr with computed names)
 * could corrupt the shared harness itself, which the per-task state restore cannot undo; such
 * programs run in a child that is recycled after every task. Matching is on the raw source
 * (strings and comments included), so it errs on the side of recycling. JavaScript programs
 * never need it: each task gets a fresh context with no host objects.
 *
 * @example
 * needsFreshInterpreter({ name: "x", language: "python", functionName: "f", source: "().__class__" }); // true
 */
export function needsFreshInterpreter(program: Program): boolean {
  if (program.language !== "python") return false;
  if (INTROSPECTION.test(program.source)) return true;
  for (const match of program.source.matchAll(DUNDER)) if (!PLAIN_DUNDERS.has(match[0])) return true;
  return false;
}
