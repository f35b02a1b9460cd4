# Baseline for bench-apply: the same programs in a plain CPython loop, no sandbox.
# Reads {"programs": [...], "texts": [...], "classes": [...]} on stdin; prints the loop's seconds.
import json, sys, time

job = json.load(sys.stdin)
classes = job["classes"]
fns = []
for source in job["programs"]:
    g = {"__name__": "__program__"}
    exec(compile(source, "<program>", "exec"), g)
    fns.append(g["label_function"])
texts = job["texts"]
start = time.perf_counter()
votes = 0
for fn in fns:
    out = []
    for t in texts:
        try:
            v = fn(t)
        except Exception:
            v = -1
        if isinstance(v, str):
            v = classes.index(v) if v in classes else -1
        out.append(v)
    votes += sum(1 for v in out if v >= 0)
print(json.dumps({"seconds": time.perf_counter() - start, "votes": votes}))
