import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";
// @ts-expect-error: a plain ES module of the production launcher (no types)
import { leastLoaded } from "./connection-balancer.mjs";

const fixture = fileURLToPath(new URL("./connection-balancer.fixture.mjs", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
});

/** Starts the fixture's primary and two processes; resolves with the port once both are ready. */
async function startStudio(): Promise<number> {
  const child = spawn(process.execPath, [fixture], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, BUSY_MS: "300" } });
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the fixture's processes never became ready")), testBudget(20_000));
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(Number(port));
      }
    });
    child.once("exit", (code) => reject(new Error(`the fixture exited ${code}`)));
  });
}

/** GET `path` on a connection of `agent`; the answering process's pid. */
const pidOf = (port: number, agent: http.Agent, path = "/") =>
  new Promise<string>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });

const tally = (pids: string[]) => [...pids.reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map<string, number>()).values()].sort();

describe("leastLoaded", () => {
  it("picks the process with the fewest open connections, the earliest among equals", () => {
    expect(
      leastLoaded(
        [1, 2, 3],
        new Map([
          [1, 2],
          [2, 1],
          [3, 1],
        ]),
      ),
    ).toBe(2);
    expect(
      leastLoaded(
        [3, 1],
        new Map([
          [1, 0],
          [3, 0],
        ]),
      ),
    ).toBe(3);
    expect(leastLoaded([], new Map())).toBeUndefined();
  });
});

describe("balanceConnections", () => {
  it("splits a burst of keep-alive connections evenly, even while one process is busy, and serves them all", async () => {
    const port = await startStudio();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 11 });
    try {
      // One connection makes its process busy; ten more open while it is.
      const busy = pidOf(port, agent, "/busy");
      const burst = await Promise.all(Array.from({ length: 10 }, () => pidOf(port, agent)));
      const busyPid = await busy;
      // 1 + 5 on the busy process, 5 on the other: round robin over free processes gave the idle one most.
      expect(tally(burst)).toEqual([5, 5]);
      expect(burst.filter((pid) => pid === busyPid)).toHaveLength(5);
    } finally {
      agent.destroy();
    }
  });
});
