"use client";

import { useActionState } from "react";
import type { RunSettings } from "@alchemist/engine";
import { FormError, SubmitButton, useHydrated } from "@/features/shell/client";
import { IMAGE_FEATURE_LABELS, IMAGE_FEATURE_OPTIONS } from "@/features/images/client";
import { saveRunSettingsAction } from "../actions";

const FIELDS: readonly { name: Exclude<keyof RunSettings, "imageFeatures">; label: string; help: string; step: string; min: number }[] = [
  { name: "seed", label: "Seed", help: "Label-model fitting; the same seed gives the same labels.", step: "1", min: 0 },
  {
    name: "maxConsecutiveFaults",
    label: "Stop after faults in a row",
    help: "Timeouts, memory or crashes in a row before a program is stopped; 0 never stops.",
    step: "1",
    min: 0,
  },
  { name: "programBudgetMs", label: "Budget per program (ms)", help: "Time a program may spend on a run, before the per-row part.", step: "100", min: 100 },
  { name: "programBudgetPerRowMs", label: "Plus per row (ms)", help: "Added to the budget for every row the program sees.", step: "0.1", min: 0 },
];

/**
 * The settings new runs start with. Each run keeps a copy of the settings it started with.
 *
 * @example
 * <RunSettingsForm projectId={projectId} settings={settings} />
 */
export function RunSettingsForm({ projectId, settings }: { projectId: string; settings: RunSettings }) {
  const [state, action] = useActionState(saveRunSettingsAction, null);
  const hydrated = useHydrated();
  return (
    <form
      action={action}
      data-testid="run-settings-form"
      data-ready={hydrated}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <input type="hidden" name="projectId" value={projectId} />
      {FIELDS.map((f) => (
        <label key={f.name} className="flex w-56 flex-col gap-1 text-sm" title={f.help}>
          <span className="font-medium">{f.label}</span>
          <input
            name={f.name}
            type="number"
            required
            min={f.min}
            step={f.step}
            defaultValue={settings[f.name]}
            data-testid={`run-setting-${f.name}`}
            className="input font-mono"
          />
          <span className="text-xs text-slate-500">{f.help}</span>
        </label>
      ))}
      <label className="flex w-56 flex-col gap-1 text-sm">
        <span className="font-medium">Image model features</span>
        <select name="imageFeatures" defaultValue={settings.imageFeatures} data-testid="run-setting-imageFeatures" className="input">
          {IMAGE_FEATURE_OPTIONS.map((kind) => (
            <option key={kind} value={kind}>
              {IMAGE_FEATURE_LABELS[kind]}
            </option>
          ))}
        </select>
        <span className="text-xs text-slate-500">Image projects: what the distilled model reads. Text projects ignore it.</span>
      </label>
      <SubmitButton testId="save-run-settings" busy="Saving…">
        Save run settings
      </SubmitButton>
      {state?.ok && (
        <p data-testid="run-settings-saved" className="w-full text-sm text-emerald-700">
          Saved: new runs start with these settings.
        </p>
      )}
      <FormError state={state} />
    </form>
  );
}
