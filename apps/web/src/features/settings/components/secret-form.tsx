"use client";

import { useActionState, useState } from "react";
import { FormError, SubmitButton, useHydrated } from "@/features/shell/client";
import { saveSecretAction } from "../actions";

/**
 * Adds or replaces a provider key. The input is a password field and the form is reset after
 * saving, so the key stays on screen no longer than it is typed.
 *
 * @example
 * <SecretForm projectId={projectId} />
 */
export function SecretForm({ projectId }: { projectId: string }) {
  const [state, action] = useActionState(saveSecretAction, null);
  const [provider, setProvider] = useState("openai");
  const hydrated = useHydrated();
  return (
    <form
      action={action}
      data-testid="secret-form"
      data-ready={hydrated}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      autoComplete="off"
    >
      <input type="hidden" name="projectId" value={projectId} />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Provider</span>
        <select name="provider" value={provider} onChange={(e) => setProvider(e.target.value)} data-testid="secret-provider" className="input">
          <option value="openai">OpenAI</option>
          <option value="anthropic">Anthropic</option>
          <option value="openai-compatible">OpenAI-compatible server</option>
        </select>
      </label>
      <label className="flex min-w-72 flex-1 flex-col gap-1 text-sm">
        <span className="font-medium">API key</span>
        <input
          name="apiKey"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          spellCheck={false}
          data-testid="secret-key"
          className="input font-mono"
          placeholder="sk-…"
        />
      </label>
      {provider === "openai-compatible" && (
        <label className="flex min-w-72 flex-col gap-1 text-sm">
          <span className="font-medium">Base URL (with /v1)</span>
          <input name="baseUrl" type="url" required data-testid="secret-base-url" className="input font-mono" placeholder="http://127.0.0.1:11434/v1" />
        </label>
      )}
      <SubmitButton testId="save-secret" busy="Saving…">
        Save key
      </SubmitButton>
      {state?.ok && (
        <p data-testid="secret-saved" className="w-full text-sm text-emerald-700">
          Saved the key ending in {state.data.last4}.
        </p>
      )}
      <FormError state={state} />
    </form>
  );
}
