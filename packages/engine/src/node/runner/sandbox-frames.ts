/** One message between the runner and a sandbox process: a JSON header and a byte body. */
export interface Frame {
  readonly header: unknown;
  readonly body: Buffer;
}

/** Largest header and body a sandbox may send; past them the stream is corrupt and the sandbox is killed. */
const MAX_HEADER_BYTES = 32 * 1024 * 1024;
const MAX_BODY_BYTES = 256 * 1024 * 1024;
const MAX_LINE_BYTES = 40;

/**
 * Encodes a frame: `"<header bytes> <body bytes>\n"`, the header's JSON, then the body, so the
 * receiver can forward the body without parsing it (the CPython zygote hands chunk bytes to its
 * forks as they are).
 *
 * @example
 * child.stdin.write(encodeFrame({ t: "check", src, fn }));
 */
export function encodeFrame(header: unknown, body?: Uint8Array): Buffer {
  const head = Buffer.from(JSON.stringify(header));
  const size = body?.byteLength ?? 0;
  const line = Buffer.from(`${head.length} ${size}\n`, "latin1");
  return body && size ? Buffer.concat([line, head, body]) : Buffer.concat([line, head]);
}

/**
 * Splits a byte stream into frames. A malformed length line, an oversized frame or a header that
 * is not JSON throws: the caller kills the sender (its stream cannot be trusted any more).
 *
 * @example
 * const reader = new FrameReader();
 * proc.stdout.on("data", (bytes) => reader.push(bytes).forEach(handle));
 */
export class FrameReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private need: { head: number; body: number } | undefined;

  push(bytes: Buffer): Frame[] {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    const frames: Frame[] = [];
    for (;;) {
      if (!this.need) {
        const joined = this.join();
        const nl = joined.indexOf(10);
        if (nl < 0) {
          if (joined.length > MAX_LINE_BYTES) throw new Error("sandbox stream: frame length line is too long");
          return frames;
        }
        const match = /^(\d{1,10}) (\d{1,10})$/.exec(joined.subarray(0, nl).toString("latin1"));
        if (!match) throw new Error("sandbox stream: malformed frame length line");
        const head = Number(match[1]);
        const body = Number(match[2]);
        if (head > MAX_HEADER_BYTES || body > MAX_BODY_BYTES) throw new Error(`sandbox stream: frame of ${head} + ${body} bytes is too large`);
        this.need = { head, body };
        this.replace(joined.subarray(nl + 1));
      }
      const { head, body } = this.need;
      if (this.pendingBytes < head + body) return frames;
      const joined = this.join();
      const header: unknown = JSON.parse(joined.subarray(0, head).toString("utf8"));
      // A copy: the body outlives this read buffer.
      frames.push({ header, body: Buffer.from(joined.subarray(head, head + body)) });
      this.replace(joined.subarray(head + body));
      this.need = undefined;
    }
  }

  private join(): Buffer {
    if (this.pending.length !== 1) this.pending = [Buffer.concat(this.pending)];
    return this.pending[0] ?? Buffer.alloc(0);
  }

  private replace(rest: Buffer): void {
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
  }
}
