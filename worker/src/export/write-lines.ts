import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

/** A file written line by line with backpressure: memory holds one stream buffer, not the file. */
export interface LineWriter {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens `path` for streamed writing; `write` waits for `drain` when the buffer is full.
 *
 * @example
 * const out = openLineWriter("/exports/x.csv.part"); await out.write("a,b\n"); await out.close();
 */
export function openLineWriter(path: string): LineWriter {
  const stream: WriteStream = createWriteStream(path);
  const failed = once(stream, "error").then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined);
  return {
    async write(text) {
      if (!stream.write(text)) await Promise.race([once(stream, "drain"), failed]);
    },
    async close() {
      stream.end();
      await Promise.race([once(stream, "finish"), failed]);
    },
  };
}
