import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isEngineError } from "../../errors/engine-error";
import { resilientProvider } from "../../llm/resilient-provider";
import { createAnthropicProvider } from "./create-anthropic-provider";
import { createOpenAiProvider } from "./create-openai-provider";
import { startMockLlmServer, type MockLlmServer } from "./testing/mock-llm-server";

let mock: MockLlmServer;
beforeEach(async () => {
  mock = await startMockLlmServer((req) => ({ text: `echo ${req.body.model}`, inputTokens: 11, outputTokens: 7 }));
});
afterEach(async () => mock.close());

const request = { system: "be brief", messages: [{ role: "user" as const, content: "hello" }], model: "gpt-4o-mini", temperature: 0.3, maxTokens: 50 };

describe("SDK providers against the local mock server", () => {
  it.each([false, true])("OpenAI chat completions (stream %s) returns text and usage", async (stream) => {
    const provider = createOpenAiProvider({ apiKey: "test", baseURL: mock.openaiBaseURL, stream });
    const response = await provider.complete(request);
    expect(response).toMatchObject({ text: "echo gpt-4o-mini", inputTokens: 11, outputTokens: 7 });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]!.body.messages[0]).toEqual({ role: "system", content: "be brief" });
    expect(mock.requests[0]!.body).toMatchObject({ temperature: 0.3, max_tokens: 50 });
    expect(mock.requests[0]!.body.stream === true).toBe(stream);
    expect(mock.requests[0]!.headers.authorization).toBe("Bearer test");
  });

  it.each([false, true])("Anthropic messages (stream %s) returns text and usage", async (stream) => {
    const provider = createAnthropicProvider({ apiKey: "key", baseURL: mock.anthropicBaseURL, stream });
    const response = await provider.complete({ ...request, model: "claude-3-5-haiku-latest" });
    expect(response).toMatchObject({ text: "echo claude-3-5-haiku-latest", inputTokens: 11, outputTokens: 7 });
    expect(mock.requests[0]!.body).toMatchObject({ system: "be brief", max_tokens: 50, messages: [{ role: "user", content: "hello" }] });
    const h = mock.requests[0]!.headers;
    expect(h["x-api-key"] ?? h.authorization).toMatch(/^(Bearer )?key$/);
  });

  it("retries a 429 after the server's retry-after, then succeeds", async () => {
    mock.enqueue({ status: 429, headers: { "retry-after": "2" } });
    const delays: number[] = [];
    const provider = resilientProvider(createOpenAiProvider({ apiKey: "t", baseURL: mock.openaiBaseURL }), {
      sleep: async (ms) => void delays.push(ms),
      seed: 1,
    });
    expect((await provider.complete(request)).text).toBe("echo gpt-4o-mini");
    expect(delays).toEqual([2000]);
    expect(mock.requests).toHaveLength(2);
  });

  it("backs off exponentially with seeded jitter on 500s and gives up after the retries", async () => {
    mock.enqueue({ status: 500 }, { status: 502 }, { status: 503 });
    const run = async (): Promise<number[]> => {
      const delays: number[] = [];
      const provider = resilientProvider(createOpenAiProvider({ apiKey: "t", baseURL: mock.openaiBaseURL }), {
        retries: 2,
        baseDelayMs: 100,
        sleep: async (ms) => void delays.push(ms),
        seed: 7,
      });
      const error = await provider.complete(request).catch((e: unknown) => e);
      expect(isEngineError(error) && error.code).toBe("LLM_FAILED");
      expect(String((error as Error).message)).toMatch(/50\d mock status.*after 3 attempts/);
      return delays;
    };
    const first = await run();
    expect(first).toHaveLength(2);
    expect(first[0]).toBeLessThan(100);
    expect(first[1]).toBeLessThan(200);
    mock.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
    expect(await run()).toEqual(first);
  });

  it("does not retry a 400", async () => {
    mock.enqueue({ status: 400, body: { error: { message: "bad model" } } });
    const provider = resilientProvider(createOpenAiProvider({ apiKey: "t", baseURL: mock.openaiBaseURL }), { sleep: async () => {} });
    await expect(provider.complete(request)).rejects.toThrow(/bad model.*after 1 attempt/);
    expect(mock.requests).toHaveLength(1);
  });

  it("times out a hanging request and retries it", async () => {
    mock.enqueue({ hang: true });
    const provider = resilientProvider(createOpenAiProvider({ apiKey: "t", baseURL: mock.openaiBaseURL }), { timeoutMs: 150, baseDelayMs: 1, seed: 3 });
    expect((await provider.complete(request)).text).toBe("echo gpt-4o-mini");
    expect(mock.requests).toHaveLength(2);
  });

  it("turns a malformed JSON body into an error", async () => {
    mock.enqueue({ malformed: true });
    const provider = resilientProvider(createOpenAiProvider({ apiKey: "t", baseURL: mock.openaiBaseURL }), { retries: 0 });
    await expect(provider.complete(request)).rejects.toThrow(/LLM|JSON|choices/i);
  });

  it("stops at once when the caller aborts", async () => {
    mock.enqueue({ hang: true });
    const controller = new AbortController();
    const provider = resilientProvider(createOpenAiProvider({ apiKey: "t", baseURL: mock.openaiBaseURL }), { timeoutMs: 60_000 });
    const pending = provider.complete({ ...request, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: "ABORTED" });
    expect(mock.requests).toHaveLength(1);
  });
});
