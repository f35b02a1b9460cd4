import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { EngineError } from "../../errors/engine-error";

/** Bounds on a zip upload, checked while inflating: headers are the attacker's to write. */
export interface ZipLimits {
  readonly maxEntries: number;
  /** Uncompressed bytes of one entry, counted as they inflate. */
  readonly maxEntryBytes: number;
  /** Uncompressed bytes of all extracted entries together. */
  readonly maxTotalBytes: number;
  /** Uncompressed / compressed bytes of an entry past its first MiB (JSON compresses ~10x; bombs ~1000x). */
  readonly maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxEntryBytes: 512 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024, maxRatio: 200 };

const WRENCH_FILES = new Set(["train.json", "valid.json", "test.json", "label.json"]);
const ARCHIVE = /\.(zip|gz|tgz|tar|7z|rar|bz2|xz|jar)$/i;
const RATIO_FLOOR = 1024 * 1024;

const fail = (message: string, source: string) => new EngineError("DATASET_PARSE", `${source}: ${message}`, { file: source });

function openZip(path: string, source: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: true }, (error, zip) =>
      error ? reject(fail(`not a readable zip archive (${error.message})`, source)) : resolve(zip),
    ),
  );
}

function listEntries(zip: ZipFile, source: string, limits: ZipLimits): Promise<Entry[]> {
  if (zip.entryCount > limits.maxEntries) return Promise.reject(fail(`${zip.entryCount} entries; the limit is ${limits.maxEntries}`, source));
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on("entry", (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", (error: Error) => {
      const unsafe = /^(invalid relative path|absolute path|invalid characters in fileName)/.test(error.message);
      reject(fail(unsafe ? `unsafe entry name, refusing to extract (${error.message})` : `not a valid zip archive (${error.message})`, source));
    });
    zip.readEntry();
  });
}

function checkEntries(entries: readonly Entry[], source: string): void {
  for (const entry of entries) {
    const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
    if (mode === 0o120000) throw fail(`entry ${entry.fileName} is a symbolic link; zips with links are refused`, source);
    if (entry.isEncrypted()) throw fail(`entry ${entry.fileName} is encrypted`, source);
    if (ARCHIVE.test(entry.fileName)) throw fail(`entry ${entry.fileName} is a nested archive; zip the WRENCH folder itself, once`, source);
  }
  // Entries sharing compressed bytes (overlapping local records) are the non-recursive bomb trick.
  const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1]!;
    const end = previous.relativeOffsetOfLocalHeader + 30 + previous.fileNameLength + previous.compressedSize;
    if (byOffset[i]!.relativeOffsetOfLocalHeader < end) throw fail(`entries ${previous.fileName} and ${byOffset[i]!.fileName} overlap (a zip bomb?)`, source);
  }
}

/** Picks the one folder of the zip that holds train.json: the root or a single subfolder. */
function wrenchFolder(entries: readonly Entry[], source: string): string {
  const folders = entries.filter((e) => /(^|\/)train\.json$/.test(e.fileName)).map((e) => e.fileName.slice(0, -"train.json".length));
  if (folders.length === 0) throw fail("no train.json inside; a WRENCH dataset zip holds train.json (and valid.json, test.json, label.json)", source);
  if (folders.length > 1) throw fail(`${folders.length} train.json files (${folders.join(", ")}); zip one WRENCH dataset at a time`, source);
  return folders[0]!;
}

function openStream(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

/**
 * Extracts the WRENCH dataset files (train/valid/test/label.json) of an uploaded zip into
 * `dest`, safely: entry count, per-entry and total inflated bytes and the compression ratio are
 * counted while inflating (never trusted from headers); `..`/absolute names, symbolic links,
 * encrypted entries, nested archives and overlapping entries are refused. Returns the folder to
 * read with `readWrench`.
 *
 * @example
 * const dir = await extractWrenchZip("/uploads/x.zip", "/tmp/x", { source: "youtube.zip" });
 * const dataset = await readWrench(dir);
 */
export async function extractWrenchZip(path: string, dest: string, options: { source: string; limits?: Partial<ZipLimits> }): Promise<string> {
  const { source } = options;
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const zip = await openZip(path, source);
  try {
    const entries = await listEntries(zip, source, limits);
    checkEntries(entries, source);
    const folder = wrenchFolder(entries, source);
    await mkdir(dest, { recursive: true });
    let total = 0;
    for (const entry of entries) {
      const name = entry.fileName.slice(folder.length);
      if (!entry.fileName.startsWith(folder) || !WRENCH_FILES.has(name)) continue;
      let bytes = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          total += chunk.length;
          if (bytes > limits.maxEntryBytes) return done(fail(`${entry.fileName} inflates past the limit of ${limits.maxEntryBytes} bytes per entry`, source));
          if (total > limits.maxTotalBytes) return done(fail(`the entries inflate past the limit of ${limits.maxTotalBytes} bytes in total`, source));
          if (bytes > RATIO_FLOOR && bytes > limits.maxRatio * Math.max(1, entry.compressedSize)) {
            return done(fail(`${entry.fileName} inflates more than ${limits.maxRatio}x its compressed size (a zip bomb?)`, source));
          }
          done(null, chunk);
        },
      });
      try {
        await pipeline(await openStream(zip, entry), count, createWriteStream(join(dest, name)));
      } catch (error) {
        if (error instanceof EngineError) throw error;
        throw fail(`cannot inflate ${entry.fileName} (${(error as Error).message})`, source);
      }
    }
    return dest;
  } finally {
    // yauzl may have closed it already after an error; a second close throws.
    if (zip.isOpen) zip.close();
  }
}
