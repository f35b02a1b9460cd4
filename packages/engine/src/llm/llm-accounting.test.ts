import { describe, expect, it } from "vitest";
import { CostLedger } from "./cost-ledger";
import { estimateTokens } from "./estimate-tokens";
import { extractCode } from "./extract-code";
import { callCostUsd, parsePriceTable, priceFor } from "./price-table";
import { retryDecision } from "./retry-policy";

describe("prices and the cost ledger", () => {
  it("prices a call per million tokens and finds dated snapshots by prefix", () => {
    expect(callCostUsd("gpt-4o-mini", 1_000_000, 1_000_000)).toBeCloseTo(0.75, 10);
    expect(callCostUsd("gpt-4o-mini-2024-07-18", 2000, 500)).toBeCloseTo((2000 * 0.15 + 500 * 0.6) / 1e6, 12);
    expect(priceFor("gpt-4o-2024-08-06")).toEqual({ inputPerMTok: 2.5, outputPerMTok: 10 });
    expect(priceFor("claude-sonnet-4-20250514")?.inputPerMTok).toBe(3);
    expect(callCostUsd("llama3.1:8b", 5000, 5000)).toBe(0);
  });

  it("merges a user's price table over the defaults and rejects bad entries", () => {
    const table = parsePriceTable(
      { models: { "llama3.1": { inputPerMTok: 1, outputPerMTok: 2 }, "gpt-4o-mini": { inputPerMTok: 0, outputPerMTok: 0 } } },
      "prices.json",
    );
    expect(callCostUsd("llama3.1", 1e6, 1e6, table)).toBe(3);
    expect(callCostUsd("gpt-4o-mini", 1e6, 1e6, table)).toBe(0);
    expect(callCostUsd("gpt-4o", 1e6, 0, table)).toBe(2.5);
    expect(() => parsePriceTable({ models: { x: { inputPerMTok: -1, outputPerMTok: 1 } } }, "p.json")).toThrow(/p\.json: models\.x needs/);
  });

  it("sums calls and blocks once the budget is spent", () => {
    const ledger = new CostLedger({ budgetUsd: 0.001 });
    ledger.assertWithinBudget();
    expect(ledger.record("gpt-4o-mini", 4000, 1000)).toBeCloseTo(0.0012, 10);
    ledger.recordCached();
    expect(ledger.totals()).toEqual({ calls: 1, cachedCalls: 1, inputTokens: 4000, outputTokens: 1000, costUsd: expect.closeTo(0.0012, 10) });
    expect(() => ledger.assertWithinBudget()).toThrow(/budget of \$0\.0010 reached after 1 calls \(\$0\.0012 spent\)/);
  });

  it("estimates tokens as chars / 4", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("12345")).toBe(2);
  });
});

describe("extractCode", () => {
  it("prefers the fence tagged with the language", () => {
    const text = "Sure!\n```text\nnotes\n```\n```python\ndef label_function(text):\n    return 1\n```\nDone.";
    expect(extractCode(text, "python", "label_function")).toEqual({ code: "def label_function(text):\n    return 1", fenced: true });
  });
  it("takes an untagged fence that defines the function, and unfenced code as is", () => {
    expect(extractCode("```\nfunction label_function(t) { return -1; }\n```", "javascript", "label_function").code).toBe(
      "function label_function(t) { return -1; }",
    );
    expect(extractCode("def label_function(x):\n    return 0\n", "python", "label_function")).toEqual({
      code: "def label_function(x):\n    return 0",
      fenced: false,
    });
  });
  it("tolerates an unterminated fence (a truncated answer)", () => {
    expect(extractCode("```js\nfunction label_function(t) {", "javascript", "label_function").code).toBe("function label_function(t) {");
  });
});

describe("retryDecision", () => {
  const headers = (h: Record<string, string>): Headers => new Headers(h);
  it("retries 429/5xx/408 and timeouts, not 4xx or aborts", () => {
    expect(retryDecision({ status: 429, headers: headers({ "retry-after": "3" }) })).toEqual({ retry: true, retryAfterMs: 3000 });
    expect(retryDecision({ status: 429, headers: headers({ "retry-after-ms": "250" }) })).toEqual({ retry: true, retryAfterMs: 250 });
    expect(retryDecision({ status: 503, headers: headers({}) })).toEqual({ retry: true });
    expect(retryDecision({ status: 401 })).toEqual({ retry: false });
    expect(retryDecision({ name: "APIConnectionTimeoutError", message: "Request timed out." })).toEqual({ retry: true });
    expect(retryDecision({ name: "APIUserAbortError", message: "aborted" })).toEqual({ retry: false });
  });
});
