import { EngineError } from "../../errors/engine-error";
import { findInvalidUtf8 } from "../../datasets/find-invalid-utf8";

/** Text encodings a dataset file may be read as; `auto` is UTF-8, or UTF-16 when a BOM says so. */
export type TextEncoding = "auto" | "utf-8" | "utf-16le" | "utf-16be" | "latin1";

const SIGNATURES: readonly { bytes: readonly number[]; kind: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], kind: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: "a GIF image" },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: "a PDF document" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: "a zip archive (upload WRENCH folders as .zip)" },
  { bytes: [0x1f, 0x8b], kind: "a gzip archive" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: "an executable (ELF)" },
];

const startsWith = (chunk: Uint8Array, bytes: readonly number[]) => bytes.every((b, i) => chunk[i] === b);

function countNewlines(chunk: Buffer, end: number): number {
  let lines = 0;
  for (let at = chunk.indexOf(0x0a); at !== -1 && at < end; at = chunk.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

/**
 * Decodes a file's byte chunks to text, refusing what is not text: known binary signatures
 * (PNG, zip, PDF, ...), NUL bytes, and bytes that are not valid UTF-8 (a latin-1 "é" in a UTF-8
 * file), each with the line and byte offset. A UTF-8 BOM is dropped; a UTF-16 BOM switches to
 * UTF-16; `encoding: "latin1"` reads legacy files as windows-1252 explicitly.
 *
 * @example
 * for await (const text of decodeText(createReadStream("data.csv"), { source: "data.csv" })) parser.write(text);
 */
export async function* decodeText(chunks: AsyncIterable<Buffer>, options: { source: string; encoding?: TextEncoding }): AsyncGenerator<string> {
  const { source } = options;
  let encoding: Exclude<TextEncoding, "auto"> | undefined = options.encoding === "auto" ? undefined : options.encoding;
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let offset = 0;
  let line = 1;
  let tail: Buffer = Buffer.alloc(0);
  for await (const raw of chunks) {
    let chunk: Buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    if (decoder === undefined) {
      const signature = SIGNATURES.find((s) => startsWith(chunk, s.bytes));
      if (signature) throw new EngineError("DATASET_PARSE", `${source} is ${signature.kind}, not a text file`, { file: source, line: 1, byte: 0 });
      const bom = chunk[0] === 0xff && chunk[1] === 0xfe ? "utf-16le" : chunk[0] === 0xfe && chunk[1] === 0xff ? "utf-16be" : undefined;
      if (bom) [encoding, chunk, offset] = [bom, chunk.subarray(2), 2];
      else if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) [chunk, offset] = [chunk.subarray(3), 3];
      encoding ??= "utf-8";
      decoder = new TextDecoder(encoding === "latin1" ? "windows-1252" : encoding, { fatal: encoding === "utf-8", ignoreBOM: true });
    }
    if (encoding === "utf-8" || encoding === "latin1") {
      const nul = chunk.indexOf(0);
      if (nul !== -1) {
        const at = line + countNewlines(chunk, nul);
        throw new EngineError("DATASET_PARSE", `${source} line ${at}: NUL byte at byte offset ${offset + nul}; this looks like a binary file, not ${encoding === "utf-8" ? "UTF-8 " : ""}text`, { file: source, line: at, byte: offset + nul });
      }
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      // Re-scan the previous chunk's last bytes with this one to find the offending byte.
      const joined = Buffer.concat([tail, chunk]);
      const bad = Math.max(0, findInvalidUtf8(joined, false) - tail.length);
      const at = line + countNewlines(chunk, bad);
      throw new EngineError(
        "DATASET_PARSE",
        `${source} line ${at}: byte offset ${offset + bad} (0x${chunk[bad]?.toString(16).padStart(2, "0")}) is not valid UTF-8; save the file as UTF-8 or choose the latin-1 encoding`,
        { file: source, line: at, byte: offset + bad },
      );
    }
    if (encoding?.startsWith("utf-16") && text.includes("\u0000")) {
      throw new EngineError("DATASET_PARSE", `${source}: NUL character in UTF-16 text; this looks like a binary file`, { file: source });
    }
    line += countNewlines(chunk, chunk.length);
    offset += chunk.length;
    tail = chunk.subarray(Math.max(0, chunk.length - 3));
    if (text !== "") yield text;
  }
  if (decoder === undefined) return;
  try {
    const rest = decoder.decode();
    if (rest !== "") yield rest;
  } catch {
    throw new EngineError("DATASET_PARSE", `${source} line ${line}: the file ends inside a UTF-8 character (byte offset ${offset}); it is truncated or not UTF-8`, { file: source, line, byte: offset });
  }
}
