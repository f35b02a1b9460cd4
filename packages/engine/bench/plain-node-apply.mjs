// Baseline for bench-apply: what `alchemist apply` does for JavaScript programs, in one plain node
// process, no sandbox: read the JSONL, apply every program to every row (class names -> indices,
// errors -> -1), write {"programs", "L", "faults"} as JSON.   node plain-node-apply.mjs data.jsonl programs/ out.json
import { createReadStream, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

const [data, folder, out] = process.argv.slice(2);
const classes = ["ham", "spam"];
const texts = [];
for await (const line of createInterface({ input: createReadStream(data), crlfDelay: Infinity })) {
  if (line.trim()) texts.push(JSON.parse(line).text);
}
const files = readdirSync(folder)
  .filter((f) => f.endsWith(".js"))
  .sort();
const fns = files.map((f) => new Function(`${readFileSync(join(folder, f), "utf8")}\nreturn label_function;`)());
const columns = fns.map((fn) =>
  texts.map((t) => {
    let v;
    try {
      v = fn(t);
    } catch {
      v = -1;
    }
    if (typeof v === "string") v = classes.indexOf(v);
    return v;
  }),
);
const L = texts.map((_, i) => columns.map((c) => c[i]));
const names = files.map((f) => f.slice(0, -3));
writeFileSync(out, JSON.stringify({ programs: names, L, faults: Object.fromEntries(names.map((n) => [n, {}])) }));
