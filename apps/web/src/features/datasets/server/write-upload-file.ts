import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AppError } from "../../../lib/app-error";

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Streams a request body to `path` (via `path.part`, renamed only once complete), counting
 * bytes as they arrive: past `maxBytes` it stops reading and fails with TOO_LARGE, whatever
 * Content-Length claimed, and leaves no file behind. Memory stays at a few stream buffers
 * however large the body. Returns the bytes written.
 *
 * @example
 * const bytes = await writeUploadFile(request.body, "/uploads/x.csv", { maxBytes: 200 * 2 ** 20, fileName: "sms.csv" });
 */
export async function writeUploadFile(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  path: string,
  options: { maxBytes: number; fileName: string },
): Promise<number> {
  const { maxBytes, fileName } = options;
  const partial = `${path}.part`;
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(
        bytes > maxBytes ? new AppError("TOO_LARGE", `${fileName} is over the ${mib(maxBytes)} upload limit (stopped reading at ${mib(bytes)})`) : null,
        chunk,
      );
    },
  });
  const source = Symbol.asyncIterator in body ? Readable.from(body as AsyncIterable<Uint8Array>) : Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  try {
    await pipeline(source, limit, createWriteStream(partial));
    if (bytes === 0) throw new AppError("BAD_REQUEST", `${fileName} is empty`);
    await rename(partial, path);
    return bytes;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
