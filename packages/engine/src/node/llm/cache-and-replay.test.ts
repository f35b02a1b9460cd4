import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CostLedger } from "../../llm/cost-ledger";
import { meteredProvider } from "../../llm/metered-provider";
import { createLlmProvider } from "./create-llm-provider";
import { startMockLlmServer, type MockLlmServer } from "./testing/mock-llm-server";

let mock: MockLlmServer;
let dir: string;
beforeEach(async () => {
  let n = 0;
  mock = await startMockLlmServer(() => ({ text: `answer ${++n}`, inputTokens: 1000, outputTokens: 100 }));
  dir = await mkdtemp(join(tmpdir(), "alchemist-llm-"));
});
afterEach(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

const ask = (sampleIndex: number) => ({
  messages: [{ role: "user" as const, content: "write a program" }],
  model: "gpt-4o-mini",
  temperature: 0.7,
  sampleIndex,
});

describe("disk cache, record and replay", () => {
  it("serves a repeated request from the disk cache without a second call, keyed by sample index", async () => {
    const provider = await createLlmProvider({ kind: "openai", openaiApiKey: "t", baseURL: mock.openaiBaseURL, cacheDir: join(dir, "cache") });
    const ledger = new CostLedger();
    const metered = meteredProvider(provider, ledger);
    const first = await metered.complete(ask(0));
    const again = await metered.complete(ask(0));
    const other = await metered.complete(ask(1));
    expect(first.text).toBe("answer 1");
    expect(again).toMatchObject({ text: "answer 1", cached: true, costUsd: 0 });
    expect(other.text).toBe("answer 2");
    expect(mock.requests).toHaveLength(2);
    expect(ledger.totals()).toMatchObject({ calls: 2, cachedCalls: 1, inputTokens: 2000, outputTokens: 200 });
    // a fresh provider over the same folder (a new process) also hits
    const reopened = await createLlmProvider({ kind: "openai", openaiApiKey: "t", baseURL: mock.openaiBaseURL, cacheDir: join(dir, "cache") });
    expect((await reopened.complete(ask(1))).text).toBe("answer 2");
    expect(mock.requests).toHaveLength(2);
  });

  it("records live responses to JSONL and replays them with no server", async () => {
    const file = join(dir, "run.jsonl");
    const live = await createLlmProvider({ kind: "openai", openaiApiKey: "t", baseURL: mock.openaiBaseURL, recordFile: file });
    await live.complete(ask(0));
    await live.complete(ask(1));
    expect((await readFile(file, "utf8")).trim().split("\n")).toHaveLength(2);
    await mock.close();
    const replay = await createLlmProvider({ kind: "replay", replayFile: file });
    expect(await replay.complete(ask(1))).toMatchObject({ text: "answer 2", inputTokens: 1000, outputTokens: 100, cached: true });
    expect((await replay.complete(ask(0))).text).toBe("answer 1");
    await expect(replay.complete(ask(2))).rejects.toThrow(/run\.jsonl: no recorded response for this gpt-4o-mini request \(2 records/);
    mock = await startMockLlmServer();
  });

  it("names the file when the replay file is missing", async () => {
    await expect(createLlmProvider({ kind: "replay", replayFile: join(dir, "nope.jsonl") })).rejects.toThrow(
      /nope\.jsonl: cannot read the replay file \(ENOENT\)/,
    );
  });
});
