import { mkdtemp, readdir, rm, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeUploadFile } from "./write-upload-file";
import { testBudget } from "../../../../../../packages/engine/src/node/testing/test-budget";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "write-upload-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `total` bytes of CSV-ish text in 1 MiB chunks, generated lazily; counts how much was pulled. */
function body(total: number) {
  const chunk = Buffer.alloc(1024 * 1024, "a,b\n");
  const state = { pulled: 0 };
  async function* generate() {
    while (state.pulled < total) {
      const size = Math.min(chunk.length, total - state.pulled);
      state.pulled += size;
      yield size === chunk.length ? chunk : chunk.subarray(0, size);
    }
  }
  return { stream: generate(), state };
}

describe("writeUploadFile", () => {
  it("writes a body under the limit under its final name only", async () => {
    const { stream } = body(3 * 1024 * 1024);
    expect(await writeUploadFile(stream, join(dir, "ok.csv"), { maxBytes: 4 * 1024 * 1024, fileName: "ok.csv" })).toBe(3 * 1024 * 1024);
    expect(await readdir(dir)).toEqual(["ok.csv"]);
    expect((await readFile(join(dir, "ok.csv"))).subarray(0, 8).toString()).toBe("a,b\na,b\n");
    await rm(join(dir, "ok.csv"));
  });

  it("stops reading a '2 GB' body just past a small configured limit and leaves no file", async () => {
    const { stream, state } = body(2 * 1024 ** 3);
    await expect(writeUploadFile(stream, join(dir, "big.csv"), { maxBytes: 5 * 1024 * 1024, fileName: "big.csv" })).rejects.toThrow(
      /^big\.csv is over the 5\.0 MiB upload limit/,
    );
    expect(state.pulled).toBeLessThan(10 * 1024 * 1024);
    expect(await readdir(dir)).toEqual([]);
  });

  it("refuses an empty body", async () => {
    await expect(writeUploadFile(body(0).stream, join(dir, "empty.csv"), { maxBytes: 1024, fileName: "empty.csv" })).rejects.toThrow(/empty\.csv is empty/);
    expect(await readdir(dir)).toEqual([]);
  });

  it(
    "streams a real 2.1 GB body to the 2 GiB limit with flat memory, then refuses it",
    async () => {
      const { stream, state } = body(2.1 * 1024 ** 3);
      const before = process.memoryUsage().rss;
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      try {
        await expect(writeUploadFile(stream, join(dir, "huge.csv"), { maxBytes: 2 * 1024 ** 3, fileName: "huge.csv" })).rejects.toThrow(
          /^huge\.csv is over the 2048\.0 MiB upload limit/,
        );
      } finally {
        clearInterval(timer);
      }
      expect(state.pulled).toBeGreaterThan(2 * 1024 ** 3);
      expect(peak - before).toBeLessThan(200 * 1024 * 1024);
      expect(await readdir(dir)).toEqual([]);
    },
    testBudget(300_000),
  );
});
