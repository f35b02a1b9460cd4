import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { testBudget } from "../../../packages/engine/src/node/testing/test-budget";
// @ts-expect-error: a plain ES module of the production launcher (no types)
import { bypassesGate, createAdmissionGate } from "./admission-gate.mjs";

type Gate = ((listener: http.RequestListener) => http.RequestListener) & { stats: () => { active: number; waiting: number } };

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** A gated server whose requests to /hold/N stay open until release(N); it records the order requests start in. */
async function gatedServer(options: { limit: number; leaseMs: number }) {
  const gate = createAdmissionGate(options) as Gate;
  const started: string[] = [];
  const holds = new Map<string, () => void>();
  const server = http.createServer(
    gate((req: IncomingMessage, res: ServerResponse) => {
      started.push(req.url!);
      if (!req.url!.startsWith("/hold/")) return void res.end("ok");
      holds.set(req.url!, () => res.end("done"));
    }),
  );
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Waits for a state the gate must reach; a gate that never reaches it fails here, not at the suite's timeout.
  const until = async (condition: () => boolean) => {
    const deadline = Date.now() + testBudget(5000);
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`the gate never reached the expected state: ${JSON.stringify({ ...gate.stats(), started })}`);
      await sleep(5);
    }
  };
  const release = (url: string) => holds.get(url)!();
  return { gate, started, base, until, release };
}

describe("createAdmissionGate", () => {
  it("serves at most `limit` requests at once and the rest in arrival order", async () => {
    const { gate, started, base, until, release } = await gatedServer({ limit: 1, leaseMs: 60_000 });
    const first = fetch(`${base}/hold/1`);
    await until(() => started.length === 1);
    const queued = [2, 3, 4].map((n) => ({ n, response: fetch(`${base}/hold/${n}`) }));
    await until(() => gate.stats().waiting === 3);
    expect(started).toEqual(["/hold/1"]);
    release("/hold/1");
    expect(await (await first).text()).toBe("done");
    for (const { n, response } of queued) {
      await until(() => started.length === n);
      expect(started.at(-1)).toBe(`/hold/${n}`);
      release(`/hold/${n}`);
      await response;
    }
    expect(gate.stats()).toEqual({ active: 0, waiting: 0 });
  });

  it("lets the health check and event streams past a full gate", async () => {
    const { started, base, until } = await gatedServer({ limit: 1, leaseMs: 60_000 });
    void fetch(`${base}/hold/1`).catch(() => undefined);
    await until(() => started.length === 1);
    expect(await (await fetch(`${base}/api/health`)).text()).toBe("ok");
    expect(await (await fetch(`${base}/api/projects/p/jobs/stream`)).text()).toBe("ok");
    expect(started).toEqual(["/hold/1", "/api/health", "/api/projects/p/jobs/stream"]);
  });

  it("frees the slot of a request held past its lease, so a stuck request does not stall the rest", async () => {
    const { started, base, until } = await gatedServer({ limit: 1, leaseMs: 20 });
    void fetch(`${base}/hold/stuck`).catch(() => undefined);
    await until(() => started.length === 1);
    // The stuck request never ends; the next one is served once its lease runs out.
    expect(await (await fetch(`${base}/quick`)).text()).toBe("ok");
    expect(started).toEqual(["/hold/stuck", "/quick"]);
  });

  it("drops a waiting request whose client left without serving it", async () => {
    const { gate, started, base, until, release } = await gatedServer({ limit: 1, leaseMs: 60_000 });
    const first = fetch(`${base}/hold/1`);
    await until(() => started.length === 1);
    const abort = new AbortController();
    const gone = fetch(`${base}/hold/gone`, { signal: abort.signal }).catch(() => "aborted");
    await until(() => gate.stats().waiting === 1);
    abort.abort();
    expect(await gone).toBe("aborted");
    const after = fetch(`${base}/after`);
    await until(() => gate.stats().waiting === 2);
    release("/hold/1");
    await first;
    expect(await (await after).text()).toBe("ok");
    expect(started).toEqual(["/hold/1", "/after"]);
  });

  it("refuses a limit that is not a positive integer", () => {
    expect(() => createAdmissionGate({ limit: 0, leaseMs: 1000 })).toThrow(/positive integer, got 0/);
  });
});

describe("bypassesGate", () => {
  const request = (url: string, headers: Record<string, string> = {}) => ({ url, headers }) as unknown as IncomingMessage;
  it("names the requests that never wait", () => {
    expect(bypassesGate(request("/_next/static/chunks/a.js"))).toBe(true);
    expect(bypassesGate(request("/projects/p", { accept: "text/event-stream" }))).toBe(true);
    expect(bypassesGate(request("/api/projects/p/uploads", { "content-length": String(5 << 20) }))).toBe(true);
    expect(bypassesGate(request("/projects/p"))).toBe(false);
    expect(bypassesGate(request("/api/projects/p/jobs?since=1"))).toBe(false);
  });
});
