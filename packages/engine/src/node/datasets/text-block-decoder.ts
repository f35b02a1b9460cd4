import { EngineError } from "../../errors/engine-error";
import { findInvalidUtf8 } from "../../datasets/find-invalid-utf8";

import type { TextEncoding } from "../../datasets/text-encoding";

export type { TextEncoding } from "../../datasets/text-encoding";

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

function countNewlines(chunk: Uint8Array, end: number): number {
  let lines = 0;
  for (let at = chunk.indexOf(0x0a); at !== -1 && at < end; at = chunk.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

/** A copy of the UTF-8 sequence cut off by the end of `chunk` (callers reuse their read buffer), or nothing. */
function heldBack(chunk: Uint8Array): Uint8Array {
  let start = chunk.length - 1;
  while (start >= 0 && chunk.length - start < 4 && (chunk[start]! & 0xc0) === 0x80) start--;
  if (start < 0) return new Uint8Array(0);
  const lead = chunk[start]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return chunk.length - start < length ? Uint8Array.from(chunk.subarray(start)) : new Uint8Array(0);
}

/** The byte order of UTF-16 text without a BOM: ASCII characters put their NUL byte second in LE, first in BE. */
function utf16Order(chunk: Uint8Array): "utf-16le" | "utf-16be" {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < Math.min(chunk.length, 4096); i++) {
    if (chunk[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  return even > odd ? "utf-16be" : "utf-16le";
}

/** Whether NUL bytes fall on every other byte, as in UTF-16 text of mostly ASCII characters. */
function looksLikeUtf16(chunk: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(chunk.length, 4096) & ~1;
  if (n < 8) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (chunk[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  if (odd > (0.3 * n) / 2 && even < 0.05 * odd) return "utf-16le";
  if (even > (0.3 * n) / 2 && odd < 0.05 * even) return "utf-16be";
  return undefined;
}

/** The bytes around `at` read as Windows-1252, for an error message that shows what Latin-1 would give. */
function asLatin1(bytes: Uint8Array, at: number): string {
  let start = Math.max(0, at - 12);
  let end = Math.min(bytes.length, at + 12);
  for (let i = at - 1; i >= start; i--)
    if (bytes[i] === 0x0a) {
      start = i + 1;
      break;
    }
  for (let i = at; i < end; i++)
    if (bytes[i] === 0x0a || bytes[i] === 0x0d) {
      end = i;
      break;
    }
  return new TextDecoder("windows-1252").decode(bytes.subarray(start, end));
}

/**
 * Decodes a file's bytes to text one chunk at a time, synchronously, refusing what is not text:
 * known binary signatures (PNG, zip, PDF, ...), NUL bytes, and bytes that are not valid UTF-8,
 * each with the line and byte offset. A UTF-8 BOM is dropped; a UTF-16 BOM switches to UTF-16;
 * `encoding: "latin1"` reads legacy files as windows-1252, `utf-16` takes its byte order from
 * the BOM or the NUL bytes. Validation is the fatal streaming `TextDecoder`; the line and byte of a
 * failure are only worked out when one happens, and the error suggests the encoding the bytes look
 * like (Latin-1 for a lone high byte, UTF-16 for NULs on every other byte).
 *
 * @example
 * const decoder = new TextBlockDecoder("data.csv");
 * const text = decoder.decode(firstChunk) + decoder.decode(secondChunk) + decoder.end();
 */
export class TextBlockDecoder {
  private encoding: Exclude<TextEncoding, "auto" | "utf-16"> | undefined;
  private readonly utf16: boolean;
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private offset = 0;
  private line = 1;
  // The previous chunk's cut-off last character, if any: it is judged together with the next chunk.
  private tail: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly source: string,
    encoding: TextEncoding = "auto",
  ) {
    this.encoding = encoding === "auto" || encoding === "utf-16" ? undefined : encoding;
    this.utf16 = encoding === "utf-16";
  }

  /** Text of `chunk` (up to a character cut off at its end, which comes with the next chunk). */
  decode(raw: Uint8Array): string {
    const { source } = this;
    let chunk = raw;
    if (this.decoder === undefined) {
      if (chunk.length === 0) return "";
      const signature = SIGNATURES.find((s) => startsWith(chunk, s.bytes));
      if (signature) throw new EngineError("DATASET_PARSE", `${source} is ${signature.kind}, not a text file`, { file: source, line: 1, byte: 0 });
      const bom = chunk[0] === 0xff && chunk[1] === 0xfe ? "utf-16le" : chunk[0] === 0xfe && chunk[1] === 0xff ? "utf-16be" : undefined;
      if (bom) [this.encoding, chunk, this.offset] = [bom, chunk.subarray(2), 2];
      else if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) [chunk, this.offset] = [chunk.subarray(3), 3];
      if (this.utf16) this.encoding ??= utf16Order(chunk);
      this.encoding ??= "utf-8";
      this.decoder = new TextDecoder(this.encoding === "latin1" ? "windows-1252" : this.encoding, { fatal: this.encoding === "utf-8", ignoreBOM: true });
    }
    const encoding = this.encoding!;
    const utf16 = encoding === "utf-16le" || encoding === "utf-16be";
    if (!utf16) {
      const nul = chunk.indexOf(0);
      if (nul !== -1) {
        const at = this.line + countNewlines(chunk, nul);
        const byte = this.offset + nul;
        const utf16Like = this.offset === 0 || this.offset === 3 ? looksLikeUtf16(chunk) : undefined;
        const why = utf16Like
          ? `this looks like UTF-16 text (${utf16Like === "utf-16le" ? "little" : "big"}-endian) without a byte order mark: choose the utf-16 encoding (--encoding utf-16)`
          : `this looks like a binary file, not ${encoding === "utf-8" ? "UTF-8 " : ""}text`;
        throw new EngineError("DATASET_PARSE", `${source} line ${at}: NUL byte at byte offset ${byte}; ${why}`, {
          file: source,
          line: at,
          byte,
          ...(utf16Like ? { suggestedEncoding: "utf-16" } : {}),
        });
      }
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw this.invalidUtf8(chunk);
    }
    if (utf16 && text.includes("\u0000"))
      throw new EngineError("DATASET_PARSE", `${source}: NUL character in UTF-16 text; this looks like a binary file`, { file: source });
    this.line += countNewlines(chunk, chunk.length);
    this.offset += chunk.length;
    this.tail = heldBack(chunk);
    return text;
  }

  /** The text still held back at the end of the input; fails when the file ends inside a UTF-8 character. */
  end(): string {
    if (this.decoder === undefined) return "";
    try {
      return this.decoder.decode();
    } catch {
      const { source, line, offset } = this;
      throw new EngineError(
        "DATASET_PARSE",
        `${source} line ${line}: the file ends inside a UTF-8 character (byte offset ${offset}); it is truncated or not UTF-8`,
        { file: source, line, byte: offset },
      );
    }
  }

  private invalidUtf8(chunk: Uint8Array): EngineError {
    // Re-scan with the previous chunk's cut-off character, which the decoder was holding back.
    const joined = new Uint8Array(this.tail.length + chunk.length);
    joined.set(this.tail);
    joined.set(chunk, this.tail.length);
    const found = findInvalidUtf8(joined, false);
    const index = found === -1 ? this.tail.length : found;
    // Negative when the broken sequence began in the previous chunk; its held-back bytes hold no newline.
    const bad = index - this.tail.length;
    const at = this.line + (bad > 0 ? countNewlines(chunk, bad) : 0);
    const byte = this.offset + bad;
    return new EngineError(
      "DATASET_PARSE",
      `${this.source} line ${at}: byte offset ${byte} (0x${joined[index]?.toString(16).padStart(2, "0")}) is not valid UTF-8; as Latin-1 it reads ${JSON.stringify(asLatin1(joined, index))}: choose the latin-1 encoding (--encoding latin-1), or save the file as UTF-8`,
      { file: this.source, line: at, byte, suggestedEncoding: "latin-1" },
    );
  }
}
