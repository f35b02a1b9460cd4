"use client";

import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import { FormError, SubmitButton, useHydrated } from "@/features/shell/client";
import { estimateAction, generateAction } from "../actions";
import type { GenerationEstimateView } from "../server/estimate-generation";

const KINDS = [
  ["descriptions", "Descriptions"],
  ["examples", "Examples"],
  ["keywords", "Keywords"],
  ["rules", "Rules"],
  ["retrieval", "Retrieval (documents)"],
] as const;
const DEFAULT_MODELS: Record<string, string> = { openai: "gpt-4o-mini", anthropic: "claude-3-5-haiku-latest", "openai-compatible": "", builtin: "" };

const usd = (v: number) => (v === 0 ? "$0" : v < 0.01 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`);

/**
 * The Generate form: provider and model, number of programs, info kinds and temperatures
 * (cycled over programs), language, budget; the estimate (expected and worst case, next to
 * zero-shot labeling of every row) refreshes as the form changes, before anything is spent.
 *
 * @example
 * <GenerateForm projectId={id} language="python" secrets={secrets} />
 */
export function GenerateForm({
  projectId,
  language,
  secrets,
}: {
  projectId: string;
  language: "python" | "javascript";
  secrets: { provider: string; last4: string; baseUrl: string | null }[];
}) {
  const [state, action] = useActionState(generateAction, null);
  const [provider, setProvider] = useState("openai");
  const [estimate, setEstimate] = useState<{ data?: GenerationEstimateView; error?: string } | null>(null);
  const [estimating, startEstimate] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const hydrated = useHydrated();
  const secret = secrets.find((s) => s.provider === provider);
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!form.current) return;
      const data = new FormData(form.current);
      startEstimate(async () => {
        const result = await estimateAction(data);
        setEstimate(result.ok ? { data: result.data } : { error: result.error });
      });
    }, 300);
  };
  // the first estimate on mount, and again after a submit (React resets the form's fields then);
  // every other estimate follows an edit
  useEffect(() => refresh(), [state]);
  const e = estimate?.data;
  return (
    <form ref={form} action={action} onChange={refresh} data-testid="generate-form" data-ready={hydrated} className="space-y-4">
      <input type="hidden" name="projectId" value={projectId} />
      <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm md:grid-cols-3">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Provider</span>
          <select name="provider" value={provider} onChange={(ev) => setProvider(ev.target.value)} data-testid="gen-provider" className="input">
            <option value="openai">OpenAI</option>
            <option value="anthropic">Anthropic</option>
            <option value="openai-compatible">OpenAI-compatible server</option>
            <option value="builtin">Built-in synthesizer (no LLM, free)</option>
          </select>
          <span data-testid="gen-key-note" className="text-xs text-slate-500">
            {provider === "builtin"
              ? "Learns keyword programs from labeled dev rows."
              : secret
                ? `Project key ••••${secret.last4}${secret.baseUrl ? ` at ${secret.baseUrl}` : ""}`
                : "No project key: the worker's environment key is used, if it has one (Settings)."}
          </span>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Model</span>
          <input
            key={provider}
            name="model"
            defaultValue={DEFAULT_MODELS[provider]}
            disabled={provider === "builtin"}
            required={provider !== "builtin"}
            data-testid="gen-model"
            className="input font-mono"
            placeholder="e.g. gpt-4o-mini"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Number of programs</span>
          <input name="n" type="number" min={1} max={50} defaultValue={10} required data-testid="gen-n" className="input" />
        </label>
        <fieldset className="text-sm md:col-span-2">
          <legend className="font-medium">Supplementary info kinds (cycled over programs; none = the plain prompt)</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {KINDS.map(([kind, label]) => (
              <label key={kind} className="flex items-center gap-1.5">
                <input type="checkbox" name="infoKinds" value={kind} defaultChecked={kind === "descriptions"} data-testid={`gen-kind-${kind}`} /> {label}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Temperatures (cycled)</span>
          <input name="temperatures" defaultValue="0.7, 1.0" data-testid="gen-temperatures" className="input font-mono" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Language</span>
          <select name="language" defaultValue={language} data-testid="gen-language" className="input">
            <option value="python">Python</option>
            <option value="javascript">JavaScript</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Budget for this request ($, optional)</span>
          <input name="budgetUsd" type="number" min={0} step="0.01" data-testid="gen-budget" className="input" placeholder="project budget only" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Repair rounds per program</span>
          <input name="repairRounds" type="number" min={0} max={5} defaultValue={2} className="input" />
        </label>
      </div>
      <section data-testid="gen-estimate" aria-busy={estimating} className="rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-sm text-indigo-950">
        {estimate?.error && (
          <p role="alert" data-testid="gen-estimate-error" className="text-rose-700">
            {estimate.error}
          </p>
        )}
        {!estimate && <p>Estimating…</p>}
        {e && (
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <div className="text-xs uppercase text-indigo-700">These programs (estimate)</div>
              <div data-testid="gen-estimate-programs" className="text-xl font-semibold tabular-nums">
                {usd(e.programs.expected.costUsd)}
              </div>
              <div className="text-xs">
                {e.programs.expected.calls} calls, ~{e.programs.expected.inputTokens.toLocaleString("en")} tokens in; at most {usd(e.programs.atMost.costUsd)} (
                {e.programs.atMost.calls} calls) if every program needs every repair.
                {e.stage1Kinds.length > 0 && ` Includes asking the model for ${e.stage1Kinds.join(", ")} first (not filled in on the Task page).`}
              </div>
            </div>
            <div>
              <div className="text-xs uppercase text-indigo-700">
                Zero-shot labeling of all {e.zeroShot.rows.toLocaleString("en")} rows with {e.zeroShot.model}
              </div>
              <div data-testid="gen-estimate-zeroshot" className="text-xl font-semibold tabular-nums">
                {usd(e.zeroShot.costUsd)}
              </div>
              <div className="text-xs">
                ~{e.zeroShot.inputTokens.toLocaleString("en")} tokens in
                {e.programs.expected.costUsd > 0 ? `; ${Math.round(e.zeroShot.costUsd / e.programs.expected.costUsd)}x the programs` : ""}.
              </div>
            </div>
            <p className="text-xs text-indigo-800 sm:col-span-2">
              Tokens estimated as characters/4.{!e.priced && " This model is not in the price table: priced at $0."} Spent so far {usd(e.spentUsd)}
              {e.projectBudgetUsd !== null ? ` of the project budget ${usd(e.projectBudgetUsd)}` : ""}.
            </p>
          </div>
        )}
      </section>
      <div className="flex items-center gap-3">
        <SubmitButton testId="gen-submit" busy="Queuing…">
          Generate programs
        </SubmitButton>
        {state?.ok && (
          <span data-testid="gen-queued" className="text-sm text-emerald-700">
            Queued; progress below.
          </span>
        )}
      </div>
      <FormError state={state} />
    </form>
  );
}
