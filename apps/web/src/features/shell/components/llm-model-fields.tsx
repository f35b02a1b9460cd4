"use client";

import { useState } from "react";

const DEFAULT_MODELS: Record<string, string> = { openai: "gpt-4o-mini", anthropic: "claude-3-5-haiku-latest", "openai-compatible": "" };

/**
 * The `provider` select and `model` field of a form that asks an LLM (next round, sweep): starts on
 * the project's first stored key's provider, and a provider change resets the model to its default.
 * Test ids are `<testIdPrefix>-provider` and `<testIdPrefix>-model`.
 *
 * @example
 * <LlmModelFields secrets={secrets} testIdPrefix="sweep" />
 */
export function LlmModelFields({ secrets, testIdPrefix }: { secrets: readonly { provider: string }[]; testIdPrefix: string }) {
  const first = secrets[0]?.provider;
  const [provider, setProvider] = useState(first && first in DEFAULT_MODELS ? first : "openai");
  return (
    <>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Provider</span>
        <select name="provider" value={provider} onChange={(e) => setProvider(e.target.value)} data-testid={`${testIdPrefix}-provider`} className="input">
          <option value="openai">OpenAI</option>
          <option value="anthropic">Anthropic</option>
          <option value="openai-compatible">OpenAI-compatible server</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Model</span>
        {/* keyed on the provider so a provider change shows that provider's default model */}
        <input
          key={provider}
          name="model"
          defaultValue={DEFAULT_MODELS[provider]}
          required
          data-testid={`${testIdPrefix}-model`}
          className="input font-mono"
          placeholder="e.g. gpt-4o-mini"
        />
      </label>
    </>
  );
}
