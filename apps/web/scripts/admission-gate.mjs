// FIFO admission for one studio process's requests (see createAdmissionGate).

/** Requests that never wait: long-lived streams, static files, the health check, large uploads. */
const LARGE_BODY_BYTES = 1 << 20;
export function bypassesGate(req) {
  const url = req.url ?? "";
  if (url.startsWith("/_next/static/") || url === "/api/health") return true;
  if ((req.headers.accept ?? "").includes("text/event-stream") || url.split("?")[0].endsWith("/stream")) return true;
  const length = Number(req.headers["content-length"] ?? 0);
  return length > LARGE_BODY_BYTES || req.headers["transfer-encoding"] !== undefined;
}

/**
 * Wraps an HTTP request listener so that at most `limit` requests are being served at once and
 * the others wait in arrival order.
 *
 * Why: Node serves every open request at once. With 25 pages rendering on one core, each takes
 * about 25 times its own CPU time to finish, the heaviest longest, and the garbage collector walks
 * all their live objects (CPU per request rose 20-100% at 50 connections against 2). Served in
 * order, a request waits for those ahead of it and then renders at full speed: the same mean
 * latency at the same throughput, a much shorter tail, and more throughput from less CPU.
 *
 * A request holds its slot until its response closes, or for `leaseMs` at most: one waiting on
 * something slow (the worker, a slow client reading a download) must not stall the ones behind it.
 * A request whose client left while it waited is dropped unserved.
 *
 * @example
 * const gate = createAdmissionGate({ limit: 4, leaseMs: 1000 });
 * http.createServer(gate(listener));
 */
export function createAdmissionGate({ limit, leaseMs, bypass = bypassesGate }) {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`the admission limit must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting = [];
  let head = 0;
  const admitNext = () => {
    while (active < limit && head < waiting.length) {
      const start = waiting[head];
      waiting[head++] = undefined;
      start();
    }
    if (head === waiting.length) {
      waiting.length = 0;
      head = 0;
    }
  };
  const gate = (listener) =>
    function gated(req, res) {
      if (bypass(req)) return listener.call(this, req, res);
      const start = () => {
        if (res.destroyed || req.socket?.destroyed) return;
        active++;
        let held = true;
        const release = () => {
          if (!held) return;
          held = false;
          clearTimeout(lease);
          active--;
          admitNext();
        };
        const lease = setTimeout(release, leaseMs);
        lease.unref();
        res.once("close", release);
        listener.call(this, req, res);
      };
      waiting.push(start);
      admitNext();
    };
  gate.stats = () => ({ active, waiting: waiting.length - head });
  return gate;
}
