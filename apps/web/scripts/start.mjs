// `npm start -w @alchemist/web [-- -p 3000 -H 0.0.0.0]`: the production studio (`next start`) in
// WEB_CONCURRENCY processes behind one port (node:cluster; default: one per CPU; the primary accepts
// and hands each connection to the process holding the fewest). One Next.js
// process renders on one core; pages are CPU-bound, so a single process leaves the others idle.
// A process that dies is replaced; SIGTERM/SIGINT stop every process gracefully.
import cluster from "node:cluster";
import http, { ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { createAdmissionGate } from "./admission-gate.mjs";
import { acceptFromPrimary, balanceConnections } from "./connection-balancer.mjs";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
/** An integer setting from the environment in 1..max, or exit 2 naming it and what it means. */
function integerSetting(name, fallback, max, meaning) {
  const raw = process.env[name] ?? String(fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`${name} must be an integer in 1..${max} (${meaning}), got "${raw}"`);
    process.exit(2);
  }
  return value;
}
const count = integerSetting("WEB_CONCURRENCY", availableParallelism(), 64, "processes serving the studio");

/**
 * Next.js writes a rendered page to the socket chunk by chunk as its streams produce them (the
 * headers, then a write per chunk), one system call each. Corking a response at its first write
 * until the end of that event-loop turn sends what a turn produced in one write: the same bytes,
 * still streamed turn by turn, with a fraction of the calls (they were ~10% of a small page's CPU).
 */
function coalesceResponseWrites() {
  const corked = Symbol("corked");
  const { write, flushHeaders } = ServerResponse.prototype;
  const corkUntilNextTurn = (res) => {
    if (res[corked] || !res.socket || res.socket.destroyed) return;
    res[corked] = true;
    res.cork();
    setImmediate(() => {
      res[corked] = false;
      res.uncork();
    });
  };
  ServerResponse.prototype.write = function (...args) {
    corkUntilNextTurn(this);
    return write.apply(this, args);
  };
  ServerResponse.prototype.flushHeaders = function () {
    corkUntilNextTurn(this);
    return flushHeaders.call(this);
  };
}

const maxInFlight = integerSetting("WEB_MAX_IN_FLIGHT", 4, 1000, "requests one process serves at once; the rest wait in order");
// A request waiting on something slow (the worker, a slow download) stops holding its slot after this.
const ADMISSION_LEASE_MS = 1000;

/**
 * Next.js creates its HTTP server with a request listener: every process serves requests through
 * the FIFO gate, and a forked one serves the connections the primary hands it (balanceConnections).
 */
function admitInOrder() {
  const gate = createAdmissionGate({ limit: maxInFlight, leaseMs: ADMISSION_LEASE_MS });
  const { createServer } = http;
  let studioServer = null;
  http.createServer = (...args) => {
    const server = createServer(...args.map((arg) => (typeof arg === "function" ? gate(arg) : arg)));
    // The first server is Next.js's own; any other a library might start listens as usual.
    if (!cluster.isWorker || studioServer) return server;
    return (studioServer = acceptFromPrimary(server));
  };
}

/** The port and host `next start` is given (-p/--port, -H/--hostname; PORT, then 3000, without -p). */
function listenAddress(args) {
  const value = (short, long) => {
    for (let i = 0; i < args.length; i++) {
      if (args[i] === short || args[i] === long) return args[i + 1];
      if (args[i].startsWith(`${long}=`)) return args[i].slice(long.length + 1);
    }
    return undefined;
  };
  const port = Number(value("-p", "--port") ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`the studio's port must be an integer in 0..65535, got "${value("-p", "--port") ?? process.env.PORT}"`);
    process.exit(2);
  }
  return { port, host: value("-H", "--hostname") };
}

async function runNext() {
  coalesceResponseWrites();
  admitInOrder();
  process.argv = [process.execPath, nextBin, "start", ...process.argv.slice(2)];
  await import(nextBin);
}

// Rendering allocates many short-lived objects: a larger young generation (V8's default semi-space
// is 16 MB) means fewer scavenges for the same garbage (GC was ~11% of a page's CPU under load).
// Every process runs its collections on its own thread: with one process per core, parallel GC
// helper threads only contend for cores that are already busy (7-9% less CPU per request in
// interleaved bench:load runs). NODE_OPTIONS or the command line can still set either. Both go to
// the forked processes; with WEB_CONCURRENCY=1 nothing is forked, so pass them on the command line.
const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ""];
const gcArgs = [
  ["--max-semi-space-size", "--max-semi-space-size=64"],
  ["--single-threaded-gc", "--single-threaded-gc"],
]
  .filter(([flag]) => !given.some((arg) => arg.includes(flag)))
  .map(([, arg]) => arg);

if (count === 1 || !cluster.isPrimary) await runNext();
else {
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...gcArgs] });
  let stopping = false;
  const recent = [];
  const fork = () => cluster.fork();
  for (let i = 0; i < count; i++) fork();
  const balancer = balanceConnections(cluster, listenAddress(process.argv.slice(2)));
  cluster.on("exit", async (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // Replace a crashed process, but give up on a crash loop (5 deaths in a minute).
    const now = Date.now();
    recent.push(now);
    while (recent.length && now - recent[0] > 60_000) recent.shift();
    console.error(`[web] process ${worker.process.pid} exited (${signal ?? code})${recent.length >= 5 ? "; crash loop, stopping" : "; starting another"}`);
    if (recent.length >= 5) process.exit(1);
    await sleep(500);
    fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      stopping = true;
      balancer.close();
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
}
