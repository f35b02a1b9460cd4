import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { basename, dirname, join } from "node:path";
import type { VoteBlock } from "@alchemist/engine";

/**
 * Writes `alchemist apply`'s JSON (`{"programs": [...], "L": [[...], ...], "faults": {...},
 * "stopped": {...}}`) while votes are still coming: rows are appended block by block to a
 * temporary sibling file, which is renamed over the target only when complete, so readers never
 * see a partial file and a failure leaves nothing behind.
 *
 * @example
 * const out = await LabelMatrixJsonWriter.open("L.json", ["a", "b"]);
 * await out.write(block);
 * await out.finish({ faults: {}, stopped: {} });
 */
export class LabelMatrixJsonWriter {
  private rows = 0;

  private constructor(
    private readonly path: string,
    private readonly temp: string,
    private readonly stream: WriteStream,
  ) {}

  /** `multiLabel`: votes are class-set bitmasks (bit c = class c applies), said in the file as `"multiLabel": true`. */
  static async open(path: string, programs: readonly string[], { multiLabel = false } = {}): Promise<LabelMatrixJsonWriter> {
    await mkdir(dirname(path), { recursive: true });
    const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}`);
    const stream = createWriteStream(temp);
    await once(stream, "open");
    const writer = new LabelMatrixJsonWriter(path, temp, stream);
    await writer.put(`{"programs":${JSON.stringify(programs)},${multiLabel ? `"multiLabel":true,` : ""}"L":[`);
    return writer;
  }

  private async put(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }

  /** Appends a block's rows (blocks must come in row order). */
  async write({ votes }: VoteBlock): Promise<void> {
    const { n, m, values } = votes;
    // Votes are -1..k-1 (bitmasks up to 32767 for multi-label): ASCII written straight into a buffer (at most 7 bytes a vote with the comma).
    const out = Buffer.allocUnsafe(n * (m * 7 + 3));
    let at = 0;
    for (let i = 0; i < n; i++) {
      if (this.rows++ > 0) out[at++] = 44; // ,
      out[at++] = 91; // [
      for (let j = 0; j < m; j++) {
        if (j > 0) out[at++] = 44;
        let v = values[i * m + j]!;
        if (v < 0) {
          out[at++] = 45; // -
          v = -v;
        }
        if (v < 10) out[at++] = 48 + v;
        else at += out.write(String(v), at, "latin1");
      }
      out[at++] = 93; // ]
    }
    if (!this.stream.write(out.subarray(0, at))) await once(this.stream, "drain");
  }

  /** Writes the closing fields and renames the file into place; returns the number of rows. */
  async finish(tail: { faults: unknown; stopped: unknown }): Promise<number> {
    await this.put(`],"faults":${JSON.stringify(tail.faults)},"stopped":${JSON.stringify(tail.stopped)}}\n`);
    this.stream.end();
    await once(this.stream, "finish");
    await rename(this.temp, this.path);
    return this.rows;
  }

  /** Stops writing and removes the temporary file. */
  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.temp, { force: true });
  }
}
