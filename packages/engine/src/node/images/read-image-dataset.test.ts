import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { readImageDataset } from "./read-image-dataset";
import { writeShapesDataset } from "./write-shapes-dataset";

let dir = "";
const CLASSES = ["circle", "square"];

async function zipFolder(folder: string, zipPath: string, prefix = "", extra: Record<string, string> = {}): Promise<string> {
  const zip = new yazl.ZipFile();
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = join(entry.parentPath, entry.name);
    zip.addFile(file, prefix + relative(folder, file));
  }
  for (const [name, text] of Object.entries(extra)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  await new Promise<void>((done, fail) =>
    zip.outputStream
      .pipe(createWriteStream(zipPath))
      .on("close", () => done())
      .on("error", fail),
  );
  return zipPath;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "alchemist-image-ds-"));
  await writeShapesDataset(join(dir, "shapes"), { n: 24, seed: 3 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("readImageDataset", () => {
  it("reads a folder with labels.csv: path ids, gold, splits and extra columns as fields, one file per row", async () => {
    const ds = await readImageDataset(join(dir, "shapes"), { classNames: CLASSES, seed: 1 });
    expect(ds.manifest).toBe(join(dir, "shapes", "labels.csv"));
    expect(ds.rows).toHaveLength(24);
    expect(ds.unlisted).toBe(0);
    const manifest = (await readFile(join(dir, "shapes", "labels.csv"), "utf8"))
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    ds.rows.forEach((row, i) => {
      const [path, label, split, place] = manifest[i]!;
      expect(row).toMatchObject({ id: path, gold: CLASSES.indexOf(label!), split, fields: { path, place } });
      expect(row.fields).not.toHaveProperty("label"); // gold never travels as a field
      expect(ds.files[i]).toBe(join(dir, "shapes", path!));
    });
    expect(new Set(ds.files.map((f) => f.slice(f.lastIndexOf(".") + 1)))).toEqual(new Set(["png", "jpg", "webp"]));
  });

  it("without a label file: a folder named like a class is the gold label, train/dev/test folders the split", async () => {
    const root = join(dir, "folders");
    await mkdir(join(root, "train", "Circle"), { recursive: true });
    await mkdir(join(root, "test", "square"), { recursive: true });
    await mkdir(join(root, "unsorted"), { recursive: true });
    const png = await readFile(join(dir, "shapes", "images", "circle", "0000.png"));
    await writeFile(join(root, "train", "Circle", "a.png"), png);
    await writeFile(join(root, "test", "square", "b.png"), png);
    await writeFile(join(root, "unsorted", "c.png"), png);
    const ds = await readImageDataset(root, { classNames: CLASSES, seed: 1 });
    expect(ds.manifest).toBeNull();
    expect(ds.rows.map((r) => [r.id, r.gold, r.split])).toEqual([
      ["test/square/b.png", 1, "test"],
      ["train/Circle/a.png", 0, "train"],
      ["unsorted/c.png", undefined, expect.stringMatching(/train|dev|test/)],
    ]);
  });

  it("reads a zip of the folder (one top folder is the root) the same as the folder", async () => {
    const zip = await zipFolder(join(dir, "shapes"), join(dir, "shapes.zip"), "shapes/", { "__MACOSX/shapes/._labels.csv": "junk" });
    const fromZip = await readImageDataset(zip, { classNames: CLASSES, seed: 1, extractTo: join(dir, "unzipped") });
    const fromFolder = await readImageDataset(join(dir, "shapes"), { classNames: CLASSES, seed: 1 });
    expect(fromZip.root).toBe(join(dir, "unzipped", "shapes"));
    expect(fromZip.rows).toEqual(fromFolder.rows);
    expect(fromZip.name).toBe("shapes");
    await expect(readdir(join(dir, "unzipped"))).resolves.toEqual(["shapes"]);
  });

  it("names the problem: a listed path that is no image, a label that is no class, no path column, a zip without images or with an archive inside", async () => {
    const bad = join(dir, "bad");
    await mkdir(bad);
    await writeFile(join(bad, "a.png"), await readFile(join(dir, "shapes", "images", "circle", "0000.png")));
    await writeFile(join(bad, "labels.csv"), "path,label\na.png,circle\nmissing.png,square\n");
    await expect(readImageDataset(bad, { classNames: CLASSES, seed: 1 })).rejects.toThrow(/labels\.csv: lists missing\.png, which is not an image under/);
    await writeFile(join(bad, "labels.csv"), "path,label\na.png,triangle\n");
    await expect(readImageDataset(bad, { classNames: CLASSES, seed: 1 })).rejects.toThrow(
      /labels\.csv line 2: label "triangle" is not one of the classes circle, square/,
    );
    await writeFile(join(bad, "labels.csv"), "file,label\na.png,circle\n");
    await expect(readImageDataset(bad, { classNames: CLASSES, seed: 1 })).rejects.toThrow(/labels\.csv: needs a "path" column/);
    const textOnly = join(dir, "text-only");
    await mkdir(textOnly);
    await writeFile(join(textOnly, "notes.txt"), "hello");
    await expect(
      readImageDataset(await zipFolder(textOnly, join(dir, "text.zip")), { classNames: CLASSES, seed: 1, extractTo: join(dir, "x1") }),
    ).rejects.toThrow(/text\.zip: no images inside/);
    await writeFile(join(textOnly, "inner.zip"), "PK");
    await expect(
      readImageDataset(await zipFolder(textOnly, join(dir, "nested.zip")), { classNames: CLASSES, seed: 1, extractTo: join(dir, "x2") }),
    ).rejects.toThrow(/nested\.zip: entry inner\.zip is a nested archive/);
    await expect(readImageDataset(join(dir, "nowhere"), { classNames: CLASSES, seed: 1 })).rejects.toThrow(/nowhere: image dataset does not exist/);
  });
});
