import { mkdtemp, mkdir, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFileCleanup } from "./start-cleanup";
import { sweepFiles } from "./sweep-files";

const HOUR = 3_600_000;
const id = (n: number) => `0000000${n}-aaaa-4bbb-8ccc-dddddddddddd`;
let dir: string;

async function file(name: string, ageMs: number, content = "x".repeat(10)): Promise<void> {
  const path = join(dir, name);
  await writeFile(path, content);
  const t = new Date(Date.now() - ageMs);
  await utimes(path, t, t);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "alchemist-cleanup-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("file cleanup", () => {
  it("removes stale .part files and files past the retention, keeps fresh ones and anything not named by the studio", async () => {
    await file(`${id(1)}.csv.part`, 2 * HOUR); // a killed predict's partial labels
    await file(`${id(2)}.csv.part`, 5 * 60_000); // a job still writing
    await file(`${id(3)}.csv`, 25 * HOUR, "y".repeat(100)); // an upload never imported
    await file(`${id(4)}.onnx`, 23 * HOUR); // inside the retention
    await file(`${id(5)}.zip.part`, 30 * HOUR);
    await file("notes.txt", 100 * HOUR); // a shared folder's own files are not ours
    await file(`${id(6)}`, 100 * HOUR); // no extension: not a name the studio gives
    await mkdir(join(dir, `${id(7)}.csv`)); // folders are skipped
    const report = await sweepFiles(dir, { partMaxAgeMs: HOUR, retentionMs: 24 * HOUR });
    expect(report).toEqual({ parts: 2, files: 1, bytes: 120 });
    expect((await readdir(dir)).sort()).toEqual([`${id(2)}.csv.part`, `${id(4)}.onnx`, id(6), `${id(7)}.csv`, "notes.txt"].sort());
    // a second sweep finds nothing more
    expect(await sweepFiles(dir, { partMaxAgeMs: HOUR, retentionMs: 24 * HOUR })).toEqual({ parts: 0, files: 0, bytes: 0 });
  });

  it("treats a missing folder as empty and refuses ages that would delete everything", async () => {
    expect(await sweepFiles(join(dir, "missing"), { partMaxAgeMs: HOUR, retentionMs: HOUR })).toEqual({ parts: 0, files: 0, bytes: 0 });
    await expect(sweepFiles(dir, { partMaxAgeMs: 0, retentionMs: HOUR })).rejects.toThrow(
      "sweepFiles: ages must be > 0 ms, got partMaxAgeMs 0, retentionMs 3600000",
    );
  });

  it("sweeps every folder at start-up and again on each tick, and logs what it removed", async () => {
    const other = await mkdtemp(join(tmpdir(), "alchemist-cleanup-exports-"));
    try {
      await file(`${id(1)}.csv.part`, 2 * HOUR);
      await writeFile(join(other, `${id(2)}.jsonl`), "{}");
      await utimes(join(other, `${id(2)}.jsonl`), new Date(Date.now() - 48 * HOUR), new Date(Date.now() - 48 * HOUR));
      const lines: string[] = [];
      const cleanup = await startFileCleanup({
        dirs: [dir, other, dir],
        intervalMs: 50,
        partMaxAgeMs: HOUR,
        retentionMs: 24 * HOUR,
        log: (l) => lines.push(l),
      });
      try {
        expect(await readdir(dir)).toEqual([]);
        expect(await readdir(other)).toEqual([]);
        expect(lines).toEqual(["[worker] cleanup: removed 1 partial and 1 expired files (0.0 MB)"]);
        await file(`${id(3)}.tsv`, 30 * HOUR);
        await new Promise((r) => setTimeout(r, 300));
        expect(await readdir(dir)).toEqual([]);
        expect(lines).toHaveLength(2);
      } finally {
        await cleanup.close();
      }
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
