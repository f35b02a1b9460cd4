const CODES = new Set([
  // sockets
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNABORTED",
  // Prisma: can't reach / timed out / closed / pool timeout
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  // Postgres SQLSTATE: connection exceptions, admin shutdown, starting up, too many connections, serialization, deadlock
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "40001",
  "40P01",
]);
// Prisma driver-adapter error kinds (@prisma/adapter-pg) that a retry can cure.
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionWriteConflict"]);
const MESSAGES =
  /ECONNREFUSED|ECONNRESET|Connection terminated|connection is closed|Connection is closed|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|Timed out fetching a new connection|Client has encountered a connection error|Server has closed the connection/i;

/**
 * Whether `error` (or anything in its `cause` chain) is a transient infrastructure failure —
 * Postgres or Redis restarting, a dropped socket — that the same work may survive when retried,
 * as opposed to a failure of the input that would fail again.
 *
 * @example
 * if (isTransientError(error)) await sleep(backoff); else throw error;
 */
export function isTransientError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const e = current as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; errors?: unknown; originalCode?: unknown };
    if (typeof e.code === "string" && CODES.has(e.code)) return true;
    if (typeof e.originalCode === "string" && CODES.has(e.originalCode)) return true;
    if (typeof e.kind === "string" && KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
    queue.push(e.cause);
    if (Array.isArray(e.errors)) queue.push(...e.errors);
  }
  return false;
}
