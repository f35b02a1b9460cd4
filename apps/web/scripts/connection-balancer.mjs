// Spreads a studio's connections evenly over its processes (see balanceConnections).
import net from "node:net";

const CONNECTION = "alchemist:connection";
const CLOSED = "alchemist:connection-closed";
const READY = "alchemist:ready";

/**
 * The process to hand the next connection to: the one holding the fewest open connections, the
 * earliest in `order` among equals.
 *
 * @example
 * leastLoaded([1, 2], new Map([[1, 3], [2, 1]])); // 2
 */
export function leastLoaded(order, open) {
  let best;
  for (const id of order) if (best === undefined || (open.get(id) ?? 0) < (open.get(best) ?? 0)) best = id;
  return best;
}

/**
 * The primary's side: listens on `port`/`host` itself and hands every accepted connection to the
 * ready process with the fewest open connections (processes report each close).
 *
 * Why: node:cluster's round robin gives a new connection to the next process that is free to take
 * it, and one that is busy rendering is not, so a burst of keep-alive connections (a load test's,
 * or many browsers at once) lands unevenly, 22 and 28 of 50 on two processes, and stays there: the
 * fuller process answers each of its connections proportionally later, and the tail latency is
 * its. Counting open connections keeps the split even whatever each process is doing.
 *
 * @example
 * const balancer = balanceConnections(cluster, { port: 3000, host: "0.0.0.0" });
 */
export function balanceConnections(cluster, { port, host }) {
  const open = new Map();
  const order = [];
  const waiting = [];
  const forget = (id) => {
    open.delete(id);
    const at = order.indexOf(id);
    if (at >= 0) order.splice(at, 1);
  };
  const handOff = (socket) => {
    const id = leastLoaded(order, open);
    if (id === undefined) return void waiting.push(socket);
    const worker = cluster.workers[id];
    // A process that disconnected before its exit event: take it out and choose again.
    if (!worker?.isConnected()) {
      forget(id);
      return handOff(socket);
    }
    open.set(id, open.get(id) + 1);
    worker.send({ type: CONNECTION }, socket, (error) => {
      if (!error) return;
      // The process died between the choice and the hand-off: its count goes with it.
      socket.destroy();
    });
  };
  cluster.on("message", (worker, message) => {
    if (message?.type === READY) {
      open.set(worker.id, 0);
      order.push(worker.id);
      for (const socket of waiting.splice(0)) handOff(socket);
    } else if (message?.type === CLOSED && open.has(worker.id)) open.set(worker.id, Math.max(0, open.get(worker.id) - 1));
  });
  cluster.on("disconnect", (worker) => forget(worker.id));
  cluster.on("exit", (worker) => forget(worker.id));
  // As an http.Server would accept them (noDelay): a socket's options travel with it to the process.
  const server = net.createServer({ pauseOnConnect: true, noDelay: true }, handOff);
  server.on("error", (error) => {
    // Not listening (the port is taken): the studio cannot start. Listening, an accept failed
    // (out of file descriptors): that client retries, the others go on being served.
    if (!server.listening) {
      console.error(`[web] cannot listen on ${host ?? "every address"}:${port}: ${error.message}`);
      process.exit(1);
    }
    console.error(`[web] a connection could not be accepted: ${error.message}`);
  });
  server.listen(port, host);
  return server;
}

/**
 * A process's side: makes `server` (Next.js's HTTP server) serve the connections the primary hands
 * over instead of listening itself. Its `listen(port, host)` binds nothing and reports that
 * address as its own (Next.js reads it), then tells the primary it is ready.
 *
 * @example
 * acceptFromPrimary(http.createServer(listener)).listen(3000, "0.0.0.0");
 */
export function acceptFromPrimary(server) {
  server.listen = function listen(...args) {
    const port = Number(typeof args[0] === "object" ? args[0].port : args[0]);
    const host = typeof args[1] === "string" ? args[1] : typeof args[0] === "object" ? args[0].host : undefined;
    const callback = args.find((arg) => typeof arg === "function");
    server.address = () => ({ address: host ?? "::", family: host && !host.includes(":") ? "IPv4" : "IPv6", port });
    process.on("message", (message, socket) => {
      if (message?.type !== CONNECTION || !socket) return;
      // After the primary is gone (shutting down) there is no one to tell: sending would throw.
      socket.once("close", () => {
        if (process.connected) process.send({ type: CLOSED });
      });
      server.emit("connection", socket);
    });
    process.nextTick(() => {
      if (callback) server.once("listening", callback);
      server.emit("listening");
      if (process.connected) process.send({ type: READY });
    });
    return server;
  };
  return server;
}
