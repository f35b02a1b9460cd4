import { open } from "node:fs/promises";
import { EngineError } from "../../errors/engine-error";
import { TextBlockDecoder, type TextEncoding } from "./text-block-decoder";

// Large reads keep the per-read cost (a thread-pool round trip) negligible next to parsing.
const READ_BYTES = 1024 * 1024;
// Text is decoded and handed on in pieces of at most 32 Ki characters: V8 searches a string of
// that size (an ordinary heap object) fast, while a freshly made string over 128 KB (a young
// "large object") costs ~0.6 us per indexOf call, which tripled the parsers' time.
const PIECE_BYTES = 32 * 1024;

/**
 * The text of a file in pieces of at most 32 Ki characters (read 1 MiB at a time), validated and
 * decoded by `TextBlockDecoder` (binary files, NUL bytes and invalid UTF-8 fail with
 * DATASET_PARSE naming the line). A file that cannot be opened or read fails with DATASET_READ;
 * the file is closed when the caller stops early.
 *
 * @example
 * for await (const text of readTextBlocks("data.csv", "auto")) parser.feed(text);
 */
export async function* readTextBlocks(path: string, encoding: TextEncoding = "auto"): AsyncGenerator<string> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  }
  try {
    const decoder = new TextBlockDecoder(path, encoding);
    // One buffer for the whole file: the decoder copies what it keeps.
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, READ_BYTES, null));
      } catch (error) {
        throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
      }
      if (bytesRead === 0) break;
      for (let at = 0; at < bytesRead; at += PIECE_BYTES) {
        const text = decoder.decode(buffer.subarray(at, Math.min(bytesRead, at + PIECE_BYTES)));
        if (text !== "") yield text;
      }
    }
    const rest = decoder.end();
    if (rest !== "") yield rest;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
