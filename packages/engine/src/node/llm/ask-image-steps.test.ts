import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskSpec } from "../../core/task";
import { askImageConcepts } from "../../generation/ask-image-concepts";
import { askRoboShotInsights } from "../../generation/ask-roboshot-insights";
import { CostLedger } from "../../llm/cost-ledger";
import { createLlmProvider } from "./create-llm-provider";
import { startMockLlmServer, type MockLlmServer } from "./testing/mock-llm-server";

const task: TaskSpec = {
  name: "shapes",
  description: "round or angular",
  input: "scores",
  language: "javascript",
  functionName: "label_function",
  classes: [
    { name: "round", description: "" },
    { name: "angular", description: "" },
  ],
};

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlmServer((request) =>
    JSON.stringify(request.body.messages).includes("harmful")
      ? {
          text: '{"harmful": [["a dark background", "a light background"]], "helpful": [["curved edges", "straight edges"]]}',
          inputTokens: 100,
          outputTokens: 20,
        }
      : { text: '```json\n["a circle", "a square", "a circle", ""]\n```', inputTokens: 100, outputTokens: 20 },
  );
});
afterAll(() => mock?.close());

describe("the image flow's LLM steps", () => {
  it("ask once at temperature 0, book the call on the ledger and parse the answer", async () => {
    const provider = await createLlmProvider({ kind: "openai", openaiApiKey: "t", baseURL: mock.openaiBaseURL });
    const ledger = new CostLedger();
    const { concepts, attempt } = await askImageConcepts({ task, provider, model: "gpt-4o-mini", ledger });
    expect(concepts).toEqual(["a circle", "a square"]);
    expect(attempt).toMatchObject({ id: "concepts", kind: "info", params: { temperature: 0, maxTokens: 1000 } });
    const { insights } = await askRoboShotInsights({ task, provider, model: "gpt-4o-mini", ledger, maxTokens: 500 });
    expect(insights.helpful).toEqual([["curved edges", "straight edges"]]);
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests.map((r) => r.body.temperature)).toEqual([0, 0]);
    expect(mock.requests[1]!.body.max_tokens).toBe(500);
    expect(ledger.totals().calls).toBe(2);
  });
});
