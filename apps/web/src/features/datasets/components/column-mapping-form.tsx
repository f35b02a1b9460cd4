"use client";

import { useActionState, useMemo, useState } from "react";
import { startImportAction } from "../actions";
import type { UploadPreview } from "../upload-preview";
import { FormError, SubmitButton } from "@/features/shell/client";
import { JobStatus } from "@/features/jobs/client";
import { PreviewTable } from "./preview-table";
import { LabelMapEditor } from "./label-map-editor";
import { guessLabelMap, type LabelMapChoice } from "../label-map-preview";

const splitNames = (text: string) =>
  text
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);

function Select({
  name,
  label,
  columns,
  value,
  onChange,
  hint,
}: {
  name: string;
  label: string;
  columns: string[];
  value: string;
  onChange: (v: string) => void;
  hint: string;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{label}</span>
      <select name={name} data-testid={`map-${name}`} value={value} onChange={(e) => onChange(e.target.value)} className="input">
        <option value="">— none —</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <span className="text-xs text-slate-500">{hint}</span>
    </label>
  );
}

/**
 * Step 2 of a dataset import: the preview rows and the column mapping (input fields, optional
 * gold label with class names and a label map from raw values to classes with the rows each
 * class gets, split and id), then the import job's live progress.
 *
 * @example
 * <ColumnMappingForm projectId={id} preview={preview} taskClasses={null} />
 */
export function ColumnMappingForm({
  projectId,
  preview,
  taskClasses,
  multiLabel = false,
}: {
  projectId: string;
  preview: UploadPreview;
  taskClasses: string[] | null;
  /** The task is multi-label: the gold column holds class lists, read as they are (no label map). */
  multiLabel?: boolean;
}) {
  const [state, action] = useActionState(startImportAction, null);
  const [label, setLabel] = useState(preview.guess.label ?? "");
  const [split, setSplit] = useState(preview.guess.split ?? "");
  const [id, setId] = useState(preview.guess.id ?? "");
  const suggested = taskClasses ?? (label ? (preview.distinct[label] ?? []) : []);
  const [classNames, setClassNames] = useState(suggested.join(", "));
  const classes = useMemo(() => splitNames(classNames), [classNames]);
  const counts = label ? (preview.counts?.[label] ?? null) : null;
  // The map follows the column and the class names until the user picks a class by hand.
  const [edited, setEdited] = useState<LabelMapChoice | null>(null);
  const guessed = useMemo(() => (counts ? guessLabelMap(Object.keys(counts), classes) : {}), [counts, classes]);
  const labelMap = edited ?? guessed;
  // A failed import keeps the upload: "Change the mapping" returns to this form for another try.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const pickLabel = (value: string) => {
    setLabel(value);
    setEdited(null);
    if (!taskClasses) setClassNames(value ? (preview.distinct[value] ?? []).join(", ") : "");
  };
  if (state?.ok && state.data.jobId !== dismissed) {
    const jobId = state.data.jobId;
    return <JobStatus projectId={projectId} jobId={jobId} onRetry={() => setDismissed(jobId)} />;
  }
  return (
    <form action={action} data-testid="mapping-form" className="space-y-6">
      <PreviewTable preview={preview} />
      {["projectId", "uploadId", "format", "encoding", "fileName", "header"].map((key) => (
        <input key={key} type="hidden" name={key} value={key === "projectId" ? projectId : String(preview[key as keyof UploadPreview])} />
      ))}
      <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm md:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Dataset name</span>
          <input name="name" data-testid="dataset-name" defaultValue={preview.fileName.replace(/\.[^.]+$/, "")} required maxLength={200} className="input" />
        </label>
        <fieldset className="text-sm">
          <legend className="font-medium">Input field(s)</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {preview.columns.map((c) => (
              <label key={c} className="flex items-center gap-1.5">
                <input type="checkbox" name="input" value={c} data-testid={`map-input-${c}`} defaultChecked={c === preview.guess.input} /> {c}
              </label>
            ))}
          </div>
          <span className="text-xs text-slate-500">What programs read; several fields make each input a record.</span>
        </fieldset>
        {preview.format === "zip" ? (
          <p data-testid="wrench-note" className="text-sm text-slate-600 md:col-span-2">
            A WRENCH dataset: splits come from train/valid/test.json, gold labels and class names from the files and label.json, row ids are
            &lt;split&gt;-&lt;id&gt;.
          </p>
        ) : (
          <>
            {preview.format === "label-studio" ? (
              <div data-testid="label-studio-note" className="text-sm text-slate-600">
                <input type="hidden" name="label" value={label} />
                <span className="font-medium">A Label Studio export.</span> Gold labels come from each task&apos;s annotation (the {label} column above);{" "}
                {preview.predictions && preview.predictions.length > 0 ? (
                  <>
                    the predictions of {preview.predictions.length} model(s) become imported programs with their votes:{" "}
                    <span data-testid="label-studio-predictions">{preview.predictions.join(", ")}</span>.
                  </>
                ) : (
                  "the tasks carry no predictions."
                )}{" "}
                Ids and splits come back from alchemist_id / alchemist_split when every task has them (else the task id and a seeded 70/10/20 split).
              </div>
            ) : (
              <Select
                name="label"
                label="Gold label (optional)"
                columns={preview.columns}
                value={label}
                onChange={pickLabel}
                hint="Known labels; dev labels score the programs."
              />
            )}
            <label className="flex flex-col gap-1 text-sm">
              <span className="font-medium">Class names, in class order</span>
              <input
                name="classNames"
                data-testid="class-names"
                value={classNames}
                onChange={(e) => {
                  setClassNames(e.target.value);
                  setEdited(null);
                }}
                disabled={!label}
                placeholder="e.g. ham, spam"
                className="input disabled:bg-slate-50"
              />
              <span className="text-xs text-slate-500">
                {multiLabel ? (
                  <span data-testid="multi-label-note">
                    From the multi-label task: each gold cell is a list of these classes (sports|tech, or a JSON list such as [&quot;sports&quot;]).
                  </span>
                ) : taskClasses ? (
                  "From the task."
                ) : (
                  "Labels may be these names or their 0-based indices."
                )}
              </span>
            </label>
            {counts && classes.length >= 2 && !multiLabel && (
              <LabelMapEditor counts={counts} classNames={classes} map={labelMap} onChange={setEdited} partial={preview.more} />
            )}
            {preview.format !== "label-studio" && (
              <>
                <Select
                  name="split"
                  label="Split (optional)"
                  columns={preview.columns}
                  value={split}
                  onChange={setSplit}
                  hint="train / dev (valid) / test; else a seeded 70/10/20 split."
                />
                <Select name="id" label="Row id (optional)" columns={preview.columns} value={id} onChange={setId} hint="Unique per row; else the row number." />
              </>
            )}
          </>
        )}
      </div>
      <div className="flex items-center gap-3">
        <SubmitButton testId="start-import" busy="Queuing…">
          Import{" "}
          {preview.total !== undefined
            ? preview.total.toLocaleString("en-US")
            : preview.more
              ? `${preview.scanned.toLocaleString("en-US")}+`
              : preview.scanned.toLocaleString("en-US")}{" "}
          rows
        </SubmitButton>
        <FormError state={state} />
      </div>
    </form>
  );
}
