"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import type { ImageFeatureKind } from "@alchemist/engine";
import { IMAGE_FEATURE_LABELS, IMAGE_FEATURE_OPTIONS } from "@/features/images/client";
import { trainModelAction } from "../actions";

/**
 * "Train model" for the chosen run; on success the page switches to the new model's live view.
 * An image project also picks what the model reads (`imageFeatures`: the project's setting first).
 *
 * @example
 * <StartTrainingForm projectId={id} runId={run.id} disabled={false} imageFeatures={null} />
 */
export function StartTrainingForm({
  projectId,
  runId,
  disabled,
  imageFeatures = null,
}: {
  projectId: string;
  runId: string;
  disabled: boolean;
  imageFeatures?: ImageFeatureKind | null;
}) {
  const [state, action] = useActionState(trainModelAction, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/projects/${projectId}/train?run=${runId}&model=${state.data.modelId}`);
  }, [state, router, projectId, runId]);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" data-testid="train-form">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="runId" value={runId} />
      <label className="flex flex-col text-xs text-slate-600">
        Max epochs
        <input name="epochs" type="number" min={1} max={200} defaultValue={30} className="w-24 rounded border border-slate-300 px-2 py-1 text-sm" />
      </label>
      {imageFeatures && (
        <label className="flex flex-col text-xs text-slate-600">
          Features
          <select
            name="imageFeatures"
            defaultValue={imageFeatures}
            data-testid="train-image-features"
            className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            {IMAGE_FEATURE_OPTIONS.map((kind) => (
              <option key={kind} value={kind}>
                {IMAGE_FEATURE_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
      )}
      {disabled ? (
        <span data-testid="training-running" className="text-sm text-slate-500">
          A model of this run is training…
        </span>
      ) : (
        <SubmitButton testId="train-model" busy="Queuing…">
          Train model
        </SubmitButton>
      )}
      <FormError state={state} />
    </form>
  );
}
