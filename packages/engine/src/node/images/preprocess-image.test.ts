import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseClipConfig } from "../../images/parse-clip-config";
import { GRADIENT_WIDTH, writeSampleImages } from "./write-sample-images";
import { listImages } from "./list-images";
import { preprocessImage } from "./preprocess-image";

const config = parseClipConfig("{}", "defaults");
const S = 224;
const P = S * S;
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alchemist-images-"));
  await writeSampleImages(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function pixels(name: string): Promise<Float32Array> {
  const out = new Float32Array(3 * P);
  await preprocessImage(join(dir, name), config, out);
  return out;
}
const norm = (value: number, c: number): number => (value / 255 - config.mean[c]!) / config.std[c]!;

describe("preprocessImage", () => {
  it("normalises a solid colour with CLIP's mean and std, channel-first", async () => {
    const red = await pixels("red.png");
    for (const p of [0, P / 2, P - 1]) {
      expect(red[p]).toBeCloseTo(norm(255, 0), 5);
      expect(red[P + p]).toBeCloseTo(norm(0, 1), 5);
      expect(red[2 * P + p]).toBeCloseTo(norm(0, 2), 5);
    }
  });

  it("center-crops the long side: column c of the crop is column c + 112 of a 448x224 image", async () => {
    const g = await pixels("gradient.png");
    const offset = (GRADIENT_WIDTH - S) / 2;
    for (const c of [0, 50, 143, 223]) expect(g[10 * S + c]).toBeCloseTo(norm((c + offset) % 256, 0), 5);
  });

  it("resizes the short side to 224 before cropping (600x300 -> 448x224 -> columns 112..335)", async () => {
    const raw = Buffer.alloc(600 * 300 * 3);
    for (let y = 0; y < 300; y++) for (let x = 200; x < 600; x++) raw.fill(255, (y * 600 + x) * 3, (y * 600 + x) * 3 + 3);
    await sharp(raw, { raw: { width: 600, height: 300, channels: 3 } })
      .png()
      .toFile(join(dir, "edge.png"));
    const edge = await pixels("edge.png");
    // The black/white edge at x = 200 lands at 200 * 448 / 600 - 112 = 37.3 in the crop.
    expect(edge[100 * S + 30]).toBeCloseTo(norm(0, 0), 2);
    expect(edge[100 * S + 45]).toBeCloseTo(norm(255, 0), 2);
    await rm(join(dir, "edge.png"));
  });

  it("expands grey to RGB and drops alpha", async () => {
    const grey = await pixels("grey.png");
    expect(grey[0]).toBeCloseTo(norm(128, 0), 5);
    expect(grey[P]).toBeCloseTo(norm(128, 1), 5);
    const green = await pixels("sub/green.png");
    expect(green[P + 5]).toBeCloseTo(norm(255, 1), 5);
    expect(green[5]).toBeCloseTo(norm(0, 0), 5);
  });

  it("reads JPEG close to its colour and writes at the given offset", async () => {
    const out = new Float32Array(6 * P).fill(9);
    await preprocessImage(join(dir, "blue.jpg"), config, out, 3 * P);
    expect(out[0]).toBe(9);
    expect(Math.abs(out[3 * P + 2 * P + 7]! - norm(255, 2))).toBeLessThan(0.05);
  });

  it("names the file it cannot decode", async () => {
    await writeFile(join(dir, "broken.png"), "not an image");
    await expect(pixels("broken.png")).rejects.toThrow(/broken\.png: cannot read image/);
    await expect(pixels("absent.png")).rejects.toMatchObject({ code: "DATASET_READ", message: expect.stringContaining("absent.png") });
    await rm(join(dir, "broken.png"));
  });
});

describe("listImages", () => {
  it("lists images recursively, sorted, with folder-relative ids", async () => {
    await writeFile(join(dir, "notes.txt"), "skip me");
    expect((await listImages(dir)).map((image) => image.id)).toEqual(["blue.jpg", "gradient.png", "grey.png", "red.png", "sub/green.png"]);
    expect((await listImages(dir))[0]!.file).toBe(join(dir, "blue.jpg"));
  });

  it("names a missing or empty folder", async () => {
    await expect(listImages(join(dir, "nope"))).rejects.toThrow(/nope: image folder does not exist/);
    await expect(listImages(join(dir, "notes.txt"))).rejects.toThrow(/notes\.txt: is not a folder/);
    const empty = await mkdtemp(join(tmpdir(), "alchemist-empty-"));
    await expect(listImages(empty)).rejects.toThrow(/no images found/);
    await rm(empty, { recursive: true });
  });
});
