// A primary and two processes behind balanceConnections, for connection-balancer.test.ts: each
// process answers with its pid; `/busy` holds its process's event loop for BUSY_MS first.
import cluster from "node:cluster";
import http from "node:http";
import { acceptFromPrimary, balanceConnections } from "./connection-balancer.mjs";

if (cluster.isPrimary) {
  for (let i = 0; i < 2; i++) cluster.fork();
  const balancer = balanceConnections(cluster, { port: 0, host: "127.0.0.1" });
  let ready = 0;
  cluster.on("message", (_worker, message) => {
    if (message?.type === "alchemist:ready" && ++ready === 2) console.log(`listening ${balancer.address().port}`);
  });
  process.on("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  });
} else {
  const server = acceptFromPrimary(
    http.createServer((req, res) => {
      if (req.url === "/busy") {
        const until = Date.now() + Number(process.env.BUSY_MS ?? 300);
        while (Date.now() < until);
      }
      res.end(String(process.pid));
    }),
  );
  server.listen(0, "127.0.0.1");
}
