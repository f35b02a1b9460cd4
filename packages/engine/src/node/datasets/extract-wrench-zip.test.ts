import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { crc32 } from "node:zlib";
import yazl from "yazl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractWrenchZip } from "./extract-wrench-zip";
import { readWrench } from "./read-wrench";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "wrench-zip-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Content = string | Buffer | { file: string };

/** Zips entries with yazl (deflated); `{ mode }` entries get those Unix mode bits. */
async function zipWith(name: string, entries: readonly { name: string; content: Content; mode?: number }[]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    const options = entry.mode === undefined ? {} : { mode: entry.mode };
    if (typeof entry.content === "object" && "file" in entry.content) zip.addFile(entry.content.file, entry.name, options);
    else zip.addBuffer(Buffer.from(entry.content), entry.name, options);
  }
  zip.end();
  const path = join(dir, name);
  await new Promise<void>((done, fail) =>
    zip.outputStream
      .pipe(createWriteStream(path))
      .on("close", () => done())
      .on("error", fail),
  );
  return path;
}

/**
 * A stored (uncompressed) zip written byte by byte, for what yazl refuses to write: names with
 * `..` and central-directory entries that point at the same local record (`at`).
 */
async function rawZip(name: string, entries: readonly { name: string; data: Buffer; at?: number }[]): Promise<string> {
  const locals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (entry.at !== undefined) {
      offsets.push(offsets[entry.at]!);
      continue;
    }
    const nameBytes = Buffer.from(entry.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc32(entry.data), 14);
    header.writeUInt32LE(entry.data.length, 18);
    header.writeUInt32LE(entry.data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    offsets.push(offset);
    locals.push(header, nameBytes, entry.data);
    offset += 30 + nameBytes.length + entry.data.length;
  }
  const central: Buffer[] = [];
  entries.forEach((entry, i) => {
    const source = entries[entry.at ?? i]!;
    const nameBytes = Buffer.from(entry.at === undefined ? entry.name : source.name);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt32LE(crc32(source.data), 16);
    header.writeUInt32LE(source.data.length, 20);
    header.writeUInt32LE(source.data.length, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offsets[i]!, 42);
    central.push(header, nameBytes);
  });
  const size = central.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  const path = join(dir, name);
  await writeFile(path, Buffer.concat([...locals, ...central, end]));
  return path;
}

const tiny = {
  "label.json": JSON.stringify({ 0: "ham", 1: "spam" }),
  "train.json": JSON.stringify({
    0: { label: 1, weak_labels: [1, -1], data: { text: "free prize" } },
    1: { label: 0, weak_labels: [-1, 0], data: { text: "hi mom" } },
  }),
  "valid.json": JSON.stringify({ 7: { label: 0, weak_labels: [-1, -1], data: { text: "lunch?" } } }),
  "test.json": JSON.stringify({ 9: { label: 1, weak_labels: [1, 1], data: { text: "win cash" } } }),
};
const tinyEntries = (folder: string) => Object.entries(tiny).map(([name, content]) => ({ name: `${folder}${name}`, content }));

const extract = (path: string, limits = {}) =>
  extractWrenchZip(path, join(dir, `out-${Math.random().toString(36).slice(2)}`), { source: "upload.zip", limits });

describe("extractWrenchZip", () => {
  it("extracts a tiny WRENCH zip (in a subfolder) that readWrench reads with splits, gold and weak labels", async () => {
    const path = await zipWith("tiny.zip", [...tinyEntries("sms/"), { name: "sms/readme.txt", content: "about" }, { name: "__MACOSX/._x", content: "junk" }]);
    const out = await extract(path);
    expect((await readdir(out)).sort()).toEqual(["label.json", "test.json", "train.json", "valid.json"]);
    const ds = await readWrench(out);
    expect(ds.classNames).toEqual(["ham", "spam"]);
    expect(ds.rows.map((r) => [r.id, r.split, r.gold])).toEqual([
      ["train-0", "train", 1],
      ["train-1", "train", 0],
      ["dev-7", "dev", 0],
      ["test-9", "test", 1],
    ]);
    expect(ds.importedVotes?.L.m).toBe(2);
  });

  it("extracts a real WRENCH folder zipped from ../shared/datasets", async (context) => {
    const folder = resolve(__dirname, "../../../../../../shared/datasets/youtube/wrench_1586");
    if (!existsSync(folder)) {
      console.log(`skipped: ${folder} is absent`);
      context.skip();
    }
    const files = ["label.json", "train.json", "valid.json", "test.json", "readme.txt"];
    const path = await zipWith(
      "youtube.zip",
      files.map((f) => ({ name: `wrench_1586/${f}`, content: { file: join(folder, f) } })),
    );
    const ds = await readWrench(await extract(path));
    const direct = await readWrench(folder);
    expect(ds.rows.length).toBe(direct.rows.length);
    expect(ds.rows.length).toBeGreaterThan(1500);
    expect(ds.importedVotes?.L.m).toBe(direct.importedVotes?.L.m);
  });

  it("refuses a high-ratio bomb while inflating, whatever the headers say", async () => {
    const bomb = await zipWith("ratio.zip", [{ name: "train.json", content: Buffer.alloc(20 * 1024 * 1024, 0x20) }]);
    await expect(extract(bomb)).rejects.toThrow(/upload\.zip: train\.json inflates more than 200x its compressed size \(a zip bomb\?\)/);
    await expect(extract(bomb, { maxRatio: 100_000, maxEntryBytes: 5 * 1024 * 1024 })).rejects.toThrow(
      /train\.json inflates past the limit of 5242880 bytes per entry/,
    );
    await expect(extract(bomb, { maxRatio: 100_000, maxTotalBytes: 3 * 1024 * 1024 })).rejects.toThrow(/inflate past the limit of 3145728 bytes in total/);
  });

  it("refuses a 42.zip-style nested archive and too many entries", async () => {
    const inner = await zipWith("inner.zip", [{ name: "train.json", content: Buffer.alloc(4 * 1024 * 1024, 0x20) }]);
    const nested = await zipWith("42.zip", [...tinyEntries(""), ...Array.from({ length: 16 }, (_, i) => ({ name: `lib ${i}.zip`, content: { file: inner } }))]);
    await expect(extract(nested)).rejects.toThrow(/entry lib 0\.zip is a nested archive/);
    await expect(extract(nested, { maxEntries: 10 })).rejects.toThrow(/20 entries; the limit is 10/);
  });

  it("refuses overlapping entries, path traversal and symbolic links, writing nothing outside", async () => {
    const data = Buffer.from(tiny["train.json"]);
    const overlap = await rawZip("overlap.zip", [
      { name: "train.json", data },
      { name: "valid.json", data, at: 0 },
    ]);
    await expect(extract(overlap)).rejects.toThrow(/entries (train|valid)\.json and (train|valid)\.json overlap \(a zip bomb\?\)/);
    const traversal = await rawZip("traversal.zip", [{ name: "../evil/train.json", data }]);
    await expect(extract(traversal)).rejects.toThrow(/unsafe entry name, refusing to extract \(invalid relative path: \.\.\/evil\/train\.json\)/);
    expect(existsSync(join(dir, "evil"))).toBe(false);
    const absolute = await rawZip("absolute.zip", [{ name: "/tmp/train.json", data }]);
    await expect(extract(absolute)).rejects.toThrow(/unsafe entry name.*absolute path/);
    const link = await zipWith("link.zip", [...tinyEntries(""), { name: "evil", content: "/etc/passwd", mode: 0o120777 }]);
    await expect(extract(link)).rejects.toThrow(/entry evil is a symbolic link/);
  });

  it("names what is wrong with zips that are not WRENCH folders", async () => {
    await expect(extract(await zipWith("none.zip", [{ name: "data.csv", content: "a,b" }]))).rejects.toThrow(/no train\.json inside/);
    await expect(extract(await zipWith("two.zip", [...tinyEntries("a/"), ...tinyEntries("b/")]))).rejects.toThrow(/2 train\.json files \(a\/, b\/\)/);
    await writeFile(join(dir, "garbage.zip"), "not a zip at all");
    await expect(extract(join(dir, "garbage.zip"))).rejects.toThrow(/upload\.zip: not a readable zip archive/);
    expect((await readFile(join(dir, "garbage.zip"), "utf8")).length).toBeGreaterThan(0);
  });
});
