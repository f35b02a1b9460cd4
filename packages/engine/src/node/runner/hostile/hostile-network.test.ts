import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { osIsolation } from "../os-isolation";
import { watchedListener } from "./hostile-harness";

// The OS layer on its own: even code that fully escaped every JS-level guard (here: plain node
// with net and fetch at hand) cannot reach a loopback listener from a child started the way the
// runner starts its children.
const listener = await watchedListener();
afterAll(() => listener.close());

const escapedChild = (code: string): Promise<string> => {
  const { command, prefix } = osIsolation();
  return new Promise((resolve) => {
    const child = spawn(command, [...prefix, "-e", code], { env: {}, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", () => resolve(out));
  });
};

describe.skipIf(osIsolation().mode !== "netns")("hostile network access below the JS layer (network namespace)", () => {
  it("a raw TCP connect to the loopback listener fails and the listener sees nothing", async () => {
    const out = await escapedChild(
      `const s = require("net").connect(${listener.port}, "127.0.0.1"); s.on("connect", () => console.log("CONNECTED")); s.on("error", (e) => console.log(e.code));`,
    );
    expect(out).toMatch(/ENETUNREACH|ECONNREFUSED|EHOSTUNREACH/);
    expect(out).not.toContain("CONNECTED");
  });

  it("fetch and DNS fail inside the namespace", async () => {
    const out = await escapedChild(
      `fetch("http://127.0.0.1:${listener.port}/").then(() => console.log("FETCHED"), (e) => console.log("fetch", e.cause?.code)); require("dns").lookup("example.com", (e) => console.log("dns", e ? e.code : "RESOLVED"));`,
    );
    expect(out).not.toMatch(/FETCHED|RESOLVED/);
    expect(out).toMatch(/fetch \w+/);
  });

  it("the listener received zero connections", async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(listener.connections()).toBe(0);
  });
});

describe.skipIf(osIsolation().mode === "netns")("without a network namespace", () => {
  it("says so: JS-level blocking only (see os-isolation.ts)", () => {
    expect(osIsolation().reason).toBeTruthy();
  });
});
