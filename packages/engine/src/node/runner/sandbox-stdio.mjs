// Synchronous frame I/O for sandbox processes (JavaScript and Pyodide) on fds 0 and 1; the format is
// sandbox-frames.ts's. Nothing is buffered in this process: an answer is on the wire before the
// next program starts, so if the process dies, the runner knows which program was running.
import { readSync, writeSync } from "node:fs";

let input = Buffer.alloc(1 << 20);
let have = 0;

function readMore() {
  if (have === input.length) {
    const bigger = Buffer.alloc(input.length * 2);
    input.copy(bigger, 0, 0, have);
    input = bigger;
  }
  let got;
  for (;;) {
    try {
      got = readSync(0, input, have, input.length - have, null);
      break;
    } catch (error) {
      if (error?.code !== "EAGAIN") throw error;
    }
  }
  // The runner is gone: nothing is left to answer.
  if (got === 0) process.exit(0);
  have += got;
}

/** The next request: its parsed header and its body as text (the chunk's JSON). */
export function readFrame() {
  let nl;
  while ((nl = input.subarray(0, have).indexOf(10)) < 0) readMore();
  const [hlen, blen] = input.toString("latin1", 0, nl).split(" ").map(Number);
  const total = nl + 1 + hlen + blen;
  while (have < total) readMore();
  const header = JSON.parse(input.toString("utf8", nl + 1, nl + 1 + hlen));
  const body = input.toString("utf8", nl + 1 + hlen, total);
  input.copy(input, 0, total, have);
  have -= total;
  return { header, body };
}

/** Writes one answer frame; `body` is a typed array (vote codes) or absent. */
export function writeFrame(header, body) {
  const head = Buffer.from(JSON.stringify(header));
  const bytes = body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : Buffer.alloc(0);
  const out = Buffer.concat([Buffer.from(`${head.length} ${bytes.length}\n`), head, bytes]);
  for (let off = 0; off < out.length;) {
    try {
      off += writeSync(1, out, off);
    } catch (error) {
      if (error?.code !== "EAGAIN") throw error;
    }
  }
}
