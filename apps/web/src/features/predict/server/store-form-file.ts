import "server-only";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AppError } from "@/lib/app-error";

/**
 * Writes a multipart file to `path` through a `.part` file and a byte limit, so a worker never
 * sees a half-written upload and a rejected one leaves nothing behind.
 *
 * @example
 * await storeFormFile(form.get("data") as File, join(UPLOAD_DIR, uploadFileName(id, "csv")), UPLOAD_MAX_BYTES);
 */
export async function storeFormFile(file: File, path: string, maxBytes: number): Promise<void> {
  const partial = `${path}.part`;
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? new AppError("TOO_LARGE", `${file.name} is over the ${(maxBytes / 2 ** 20).toFixed(1)} MiB limit`) : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(file.stream() as WebReadableStream), limit, createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await Promise.all([rm(partial, { force: true }), rm(path, { force: true })]);
    throw error;
  }
}
