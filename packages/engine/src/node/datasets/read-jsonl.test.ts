import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SourceRecord } from "../../datasets/map-records";
import { readJsonl } from "./read-jsonl";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "read-jsonl-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(name: string, content: string): Promise<SourceRecord[]> {
  const path = join(dir, name);
  await writeFile(path, content);
  const out: SourceRecord[] = [];
  for await (const record of readJsonl(path)) out.push(record);
  return out;
}

describe("readJsonl", () => {
  it("reads one object per line, skipping blank lines, with line numbers", async () => {
    const records = await read("a.jsonl", '\uFEFF{"text": "a", "label": 1}\n\n  \r\n{"text": "b", "meta": {"x": [1]}}\r\n');
    expect(records).toEqual([
      { line: 1, values: { text: "a", label: 1 } },
      { line: 4, values: { text: "b", meta: { x: [1] } } },
    ]);
  });

  it("names the file and line of a bad line", async () => {
    await expect(read("bad.jsonl", '{"a": 1}\n\n{"a": 2,}\n')).rejects.toThrow(/bad\.jsonl line 3: not valid JSON/);
    await expect(read("arr.jsonl", '{"a": 1}\n[1, 2]\n')).rejects.toThrow(/arr\.jsonl line 2: expected a JSON object, got an array/);
    await expect(read("bad.jsonl", '"text"\n')).rejects.toMatchObject({ code: "DATASET_PARSE", details: { line: 1 } });
  });

  it("rejects an empty file and a missing one", async () => {
    await expect(read("empty.jsonl", "\n\n")).rejects.toThrow(/empty\.jsonl is empty/);
    await expect(readJsonl(join(dir, "nope.jsonl")).next()).rejects.toMatchObject({ code: "DATASET_READ" });
  });
});
