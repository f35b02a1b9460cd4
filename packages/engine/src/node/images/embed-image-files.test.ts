import { appendFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClipEmbeddingCache } from "./clip-embedding-cache";
import { embedImageFiles } from "./embed-image-files";
import { listImages } from "./list-images";
import { loadClipModel, type ClipModel } from "./load-clip-model";
import { preprocessImage } from "./preprocess-image";
import { writeSampleImages } from "./write-sample-images";
import { writeTinyClipModel } from "./write-tiny-clip-model";

let dir = "";
let clip: ClipModel;
let files: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alchemist-embed-"));
  await writeTinyClipModel(join(dir, "clip"), { seed: 5 });
  await writeSampleImages(join(dir, "images"));
  clip = await loadClipModel(join(dir, "clip"), { threads: 1 });
  files = (await listImages(join(dir, "images"))).map((i) => i.file);
});
afterAll(async () => {
  await clip?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("embedImageFiles", () => {
  it("equals one ONNX call per image, whatever the batch size", async () => {
    const one = await embedImageFiles(clip, files, { batchSize: 1 });
    const many = await embedImageFiles(clip, files, { batchSize: 3 });
    const pixels = new Float32Array(3 * 224 * 224);
    for (const [i, file] of files.entries()) {
      await preprocessImage(file, clip.config, pixels, 0);
      const direct = await clip.embedImages(pixels, 1);
      [one, many].forEach((r) => [...direct.values].forEach((v, c) => expect(r.embeddings.values[i * 16 + c]).toBeCloseTo(v, 5)));
    }
    expect([many.cached, many.embedded, many.hashes.length]).toEqual([0, 5, 5]);
  });

  it("the cache is keyed by model and image bytes: a re-run embeds nothing, a renamed copy hits, another model misses", async () => {
    const cacheDir = join(dir, "cache");
    const first = await embedImageFiles(clip, files, { batchSize: 2, cache: await ClipEmbeddingCache.open(cacheDir, clip.key) });
    expect([first.cached, first.embedded]).toEqual([0, 5]);
    const reopened = await ClipEmbeddingCache.open(cacheDir, clip.key);
    expect([reopened.size, reopened.dim]).toEqual([5, 16]);
    let calls = 0;
    const counting: ClipModel = { ...clip, embedImages: (p, n) => ((calls += n), clip.embedImages(p, n)) };
    const again = await embedImageFiles(counting, [...files].reverse(), { batchSize: 2, cache: reopened });
    expect([again.cached, again.embedded, calls]).toEqual([5, 0, 0]);
    expect([...again.embeddings.values.subarray(0, 16)]).toEqual([...first.embeddings.values.subarray(4 * 16, 5 * 16)]);
    // A torn record from a killed process is cut off on open; whole records stay.
    const file = join(cacheDir, `${clip.key}.emb`);
    const size = (await stat(file)).size;
    await appendFile(file, Buffer.alloc(20, 7));
    expect((await ClipEmbeddingCache.open(cacheDir, clip.key)).size).toBe(5);
    expect((await stat(file)).size).toBe(size);
    await writeTinyClipModel(join(dir, "other"), { seed: 6 });
    const other = await loadClipModel(join(dir, "other"), { threads: 1 });
    expect(other.key).not.toBe(clip.key);
    expect((await ClipEmbeddingCache.open(cacheDir, other.key)).size).toBe(0);
    await other.close();
    await expect(readFile(file)).resolves.toHaveLength(size);
  });

  it("cancels between batches and names unreadable files", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(embedImageFiles(clip, files, { signal: controller.signal })).rejects.toMatchObject({ code: "ABORTED" });
    await expect(embedImageFiles(clip, [join(dir, "missing.png")])).rejects.toThrow(/missing\.png: cannot read image \(ENOENT\)/);
  });
});
