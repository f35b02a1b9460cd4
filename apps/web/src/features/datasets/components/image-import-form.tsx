"use client";

import { useActionState, useState } from "react";
import type { UploadPreview } from "../upload-preview";
import { PreviewTable } from "./preview-table";
import { FormError, SubmitButton } from "@/features/shell/client";
import { JobStatus } from "@/features/jobs/client";
import { startImageImportAction } from "@/features/images/client";

/**
 * Step 2 of an image dataset import (a zip of pictures): the label file's first rows, the class
 * names (from the task, else the label column's values) and the concepts every picture is scored
 * on with CLIP (one per line; programs read them as `s["concept"]`), then the import's progress.
 *
 * @example
 * <ImageImportForm projectId={id} preview={preview} taskClasses={null} />
 */
export function ImageImportForm({ projectId, preview, taskClasses }: { projectId: string; preview: UploadPreview; taskClasses: string[] | null }) {
  const [state, action] = useActionState(startImageImportAction, null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const labels = preview.distinct.label ?? [];
  const classes = taskClasses ?? labels;
  if (state?.ok && state.data.jobId !== dismissed) {
    const jobId = state.data.jobId;
    return <JobStatus projectId={projectId} jobId={jobId} onRetry={() => setDismissed(jobId)} />;
  }
  return (
    <form action={action} data-testid="image-import-form" className="space-y-6">
      <p data-testid="image-note" className="text-sm text-slate-600">
        An image dataset: {preview.images} pictures. The worker embeds each one with the project&apos;s CLIP model and scores it on the concepts below; programs
        read those scores as <code>s[&quot;concept&quot;]</code>. Splits and gold labels come from the label file&apos;s <code>split</code> and{" "}
        <code>label</code> columns.
      </p>
      <PreviewTable preview={preview} />
      {(["uploadId", "fileName"] as const).map((key) => (
        <input key={key} type="hidden" name={key} value={preview[key]} />
      ))}
      <input type="hidden" name="projectId" value={projectId} />
      <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm md:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Dataset name</span>
          <input name="name" data-testid="dataset-name" defaultValue={preview.fileName.replace(/\.[^.]+$/, "")} required maxLength={200} className="input" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Class names, in class order</span>
          <input name="classNames" data-testid="class-names" defaultValue={classes.join(", ")} placeholder="e.g. circle, square" className="input" />
          <span className="text-xs text-slate-500">{taskClasses ? "From the task." : "Labels in the label file must be these names."}</span>
        </label>
        <label className="flex flex-col gap-1 text-sm md:col-span-2">
          <span className="font-medium">Concepts, one per line</span>
          <textarea name="concepts" data-testid="image-concepts" rows={5} defaultValue={classes.join("\n")} className="input font-mono" />
          <span className="text-xs text-slate-500">
            Visual concepts that tell the classes apart (e.g. &quot;a round circle&quot;); each is embedded as &quot;a photo of …&quot;. Editable later on the
            task page.
          </span>
        </label>
      </div>
      <div className="flex items-center gap-3">
        <SubmitButton testId="start-image-import" busy="Queuing…">
          Import {preview.images} pictures
        </SubmitButton>
        <FormError state={state} />
      </div>
    </form>
  );
}
