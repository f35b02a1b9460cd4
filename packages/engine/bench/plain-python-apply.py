# Baseline for bench-apply: what `alchemist apply` does, in one plain CPython process, no sandbox:
# read the JSONL, apply every program to every row (class names -> indices, errors -> -1), write
# {"programs", "L", "faults"} as JSON.   python3 plain-python-apply.py data.jsonl programs/ out.json
import glob, json, os, sys

data, folder, out = sys.argv[1:4]
classes = ["ham", "spam"]
texts = []
with open(data, encoding="utf-8") as f:
    for line in f:
        if line.strip():
            texts.append(json.loads(line)["text"])
names, fns = [], []
for path in sorted(glob.glob(os.path.join(folder, "*.py"))):
    g = {"__name__": "__program__"}
    with open(path) as f:
        exec(compile(f.read(), path, "exec"), g)
    names.append(os.path.basename(path)[:-3])
    fns.append(g["label_function"])
columns = []
for fn in fns:
    column = []
    for t in texts:
        try:
            v = fn(t)
        except Exception:
            v = -1
        if isinstance(v, str):
            v = classes.index(v) if v in classes else -1
        column.append(v)
    columns.append(column)
with open(out, "w") as f:
    json.dump({"programs": names, "L": [list(r) for r in zip(*columns)], "faults": {n: {} for n in names}}, f)
