# Baseline for bench-read: plain CPython reading a dataset file the obvious way.
# Usage: plain-python-read.py jsonl|csv PATH [load]. JSON Lines: json.loads per non-blank line;
# CSV: csv.DictReader. With `load`, also what loadDataset does with the records: keep them all as
# rows (id, fields without the label, gold class index) with shuffled splits. Prints
# {"rows": n, "seconds": s} where s times the work only (the caller times the whole process).
import csv, json, random, sys, time

kind, path = sys.argv[1], sys.argv[2]
load = sys.argv[3:] == ["load"]
start = time.perf_counter()
records = []
count = 0
if kind == "jsonl":
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                count += 1
                if load:
                    records.append(record)
else:
    with open(path, encoding="utf-8", newline="") as f:
        for record in csv.DictReader(f):
            count += 1
            if load:
                records.append(record)
if load:
    classes = {"ham": 0, "spam": 1}
    rows = []
    for i, record in enumerate(records):
        fields = {k: v for k, v in record.items() if k != "label"}
        rows.append({"id": str(i + 1), "fields": fields, "gold": classes.get(record["label"])})
    dev, test = round(count * 0.1), round(count * 0.2)
    splits = ["train"] * (count - dev - test) + ["dev"] * dev + ["test"] * test
    random.Random(1).shuffle(splits)
    for row, split in zip(rows, splits):
        row["split"] = split
print(json.dumps({"rows": count, "seconds": time.perf_counter() - start}))
