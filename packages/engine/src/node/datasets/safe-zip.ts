import { createWriteStream } from "node:fs";
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

/** An opened, checked zip: its entries and a bounded extraction of one entry at a time. */
export interface SafeZip {
  readonly entries: readonly Entry[];
  /** Inflates `entry` into `file`, counting bytes against the limits as they come. */
  extract(entry: Entry, file: string): Promise<void>;
  close(): void;
}

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

function checkEntries(entries: readonly Entry[], source: string, nestedHint: string): void {
  for (const entry of entries) {
    const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
    if (mode === 0o120000) throw fail(`entry ${entry.fileName} is a symbolic link; zips with links are refused`, source);
    if (entry.isEncrypted()) throw fail(`entry ${entry.fileName} is encrypted`, source);
    if (ARCHIVE.test(entry.fileName)) throw fail(`entry ${entry.fileName} is a nested archive; ${nestedHint}`, source);
  }
  // Entries sharing compressed bytes (overlapping local records) are the non-recursive bomb trick.
  const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1]!;
    const end = previous.relativeOffsetOfLocalHeader + 30 + previous.fileNameLength + previous.compressedSize;
    if (byOffset[i]!.relativeOffsetOfLocalHeader < end) throw fail(`entries ${previous.fileName} and ${byOffset[i]!.fileName} overlap (a zip bomb?)`, source);
  }
}

function openStream(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

/**
 * Opens an uploaded zip defensively: the entry count is bounded, and `..`/absolute names,
 * symbolic links, encrypted entries, nested archives and overlapping entries are refused
 * (DATASET_PARSE naming `source`). `extract` counts per-entry and total inflated bytes and the
 * compression ratio while inflating, never trusting the headers. Close it when done.
 *
 * @example
 * const zip = await openSafeZip("/uploads/x.zip", { source: "x.zip", nestedHint: "zip the folder itself, once" });
 * try { for (const e of zip.entries) await zip.extract(e, join(dest, e.fileName)); } finally { zip.close(); }
 */
export async function openSafeZip(path: string, options: { source: string; limits?: Partial<ZipLimits>; nestedHint: string }): Promise<SafeZip> {
  const { source } = options;
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const zip = await openZip(path, source);
  const close = (): void => {
    // yauzl may have closed it already after an error; a second close throws.
    if (zip.isOpen) zip.close();
  };
  let entries: Entry[];
  try {
    entries = await listEntries(zip, source, limits);
    checkEntries(entries, source, options.nestedHint);
  } catch (error) {
    close();
    throw error;
  }
  let total = 0;
  const extract = async (entry: Entry, file: string): Promise<void> => {
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
      await pipeline(await openStream(zip, entry), count, createWriteStream(file));
    } catch (error) {
      if (error instanceof EngineError) throw error;
      throw fail(`cannot inflate ${entry.fileName} (${(error as Error).message})`, source);
    }
  };
  return { entries, extract, close };
}
