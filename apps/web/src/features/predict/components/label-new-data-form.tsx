"use client";

import { useEffect, useState } from "react";
import { useHydrated } from "@/features/shell/client";
import { guessMapping, uploadFormat } from "@/features/datasets/client";
import { dataColumns } from "../data-columns";
import type { DefaultModel } from "../server/get-default-model";

type State =
  | { state: "idle" }
  | { state: "working" }
  | { state: "error"; message: string }
  | { state: "done"; href: string; fileName: string; summary: string }
  | { state: "running"; resultUrl: string };

async function errorOf(response: Response): Promise<string> {
  try {
    return ((await response.json()) as { error?: string }).error ?? `the server answered ${response.status}`;
  } catch {
    return `the server answered ${response.status}`;
  }
}

/**
 * "Label new data": a model.onnx (from `alchemist run`; optional when the project has a trained
 * model, which is then used) plus a CSV/TSV/JSONL file go to
 * `POST /api/projects/[projectId]/predict`; the labels come back as a download link, or as a
 * link to the job's result when labeling outlasts the request. Once a data file is picked, its
 * header is read in the browser and a column mapping offers which column feeds each of the
 * model's inputs (the project task's input fields) and which holds the row ids.
 *
 * @example
 * <LabelNewDataForm projectId={projectId} maxBytes={200 * 2 ** 20} inputs={["text"]} />
 */
export function LabelNewDataForm({
  projectId,
  maxBytes,
  trained = null,
  inputs = [],
}: {
  projectId: string;
  maxBytes: number;
  trained?: DefaultModel | null;
  inputs?: readonly string[];
}) {
  const [status, setStatus] = useState<State>({ state: "idle" });
  // The picked data file's columns (null: none picked, or its header could not be read).
  const [columns, setColumns] = useState<string[] | null>(null);
  const onData = async (file: File | undefined) => {
    const format = file ? uploadFormat(file.name) : null;
    if (!file || !format) return setColumns(null);
    const found = dataColumns(await file.slice(0, 64 * 1024).text(), format);
    setColumns(found.length ? found : null);
  };
  const guess = columns ? guessMapping(columns, []) : null;
  const defaultColumn = (input: string) => (columns?.includes(input) ? input : (guess?.input ?? columns?.[0] ?? ""));
  const hydrated = useHydrated();
  useEffect(() => () => void (status.state === "done" && URL.revokeObjectURL(status.href)), [status]);
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (columns) {
      const mapping = Object.fromEntries(inputs.map((input) => [input, String(form.get(`column:${input}`) ?? input)]));
      for (const input of inputs) form.delete(`column:${input}`);
      form.set("inputColumns", JSON.stringify(mapping));
    }
    const big = [form.get("model"), form.get("data")].find((f): f is File => f instanceof File && f.size > maxBytes);
    if (big)
      return setStatus({
        state: "error",
        message: `${big.name} is ${(big.size / 2 ** 20).toFixed(1)} MiB; the limit is ${(maxBytes / 2 ** 20).toFixed(0)} MiB`,
      });
    setStatus({ state: "working" });
    try {
      const response = await fetch(`/api/projects/${projectId}/predict`, { method: "POST", body: form });
      if (response.status === 202) return setStatus({ state: "running", resultUrl: ((await response.json()) as { resultUrl: string }).resultUrl });
      if (!response.ok) return setStatus({ state: "error", message: await errorOf(response) });
      const format = form.get("format") === "jsonl" ? "jsonl" : "csv";
      const counts = JSON.parse(response.headers.get("x-class-counts") ?? "{}") as Record<string, number>;
      const summary = `${response.headers.get("x-rows") ?? "?"} rows: ${Object.entries(counts)
        .map(([c, n]) => `${c} ${n}`)
        .join(", ")}`;
      setStatus({ state: "done", href: URL.createObjectURL(await response.blob()), fileName: `labels.${format}`, summary });
    } catch (error) {
      setStatus({ state: "error", message: `the request failed: ${(error as Error).message}` });
    }
  };
  const input = "mt-1 block text-sm";
  return (
    <form
      data-testid="predict-form"
      data-ready={hydrated}
      onSubmit={(e) => void onSubmit(e)}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      {trained && (
        <p data-testid="predict-default-model" className="rounded border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          Uses the project&apos;s newest trained model, <span className="font-medium">{trained.name}</span> ({trained.createdAt.slice(0, 16).replace("T", " ")}{" "}
          UTC
          {trained.testF1 === null ? "" : `, test F1 ${trained.testF1.toFixed(3)}`}) unless you choose another file.
        </p>
      )}
      <label className="block text-sm font-medium">
        Model{" "}
        <span className="font-normal text-slate-500">{trained ? "(optional: another model.onnx)" : "(model.onnx from the Train page or alchemist run)"}</span>
        <input data-testid="predict-model" name="model" type="file" accept=".onnx" required={!trained} className={input} />
      </label>
      <label className="block text-sm font-medium">
        Data{" "}
        <span className="font-normal text-slate-500">
          (.csv, .tsv or .jsonl with the model&apos;s input column; up to {(maxBytes / 2 ** 20).toFixed(0)} MiB)
        </span>
        <input
          data-testid="predict-data"
          name="data"
          type="file"
          accept=".csv,.tsv,.jsonl,.ndjson,.json,.txt"
          required
          className={input}
          onChange={(e) => void onData(e.currentTarget.files?.[0])}
        />
      </label>
      {columns && inputs.length > 0 && (
        <fieldset data-testid="predict-mapping" className="rounded border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">Column mapping</legend>
          <div className="flex flex-wrap gap-6">
            {inputs.map((name) => (
              <label key={`${name}:${columns.join(",")}`} className="block text-sm font-medium">
                Model input “{name}” from
                <select name={`column:${name}`} defaultValue={defaultColumn(name)} className="mt-1 block rounded border border-slate-300 px-2 py-1 text-sm">
                  {columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="flex flex-wrap gap-6">
        {columns ? (
          <label key={columns.join(",")} className="block text-sm font-medium">
            Id column
            <select name="idField" defaultValue={guess?.id ?? ""} className="mt-1 block rounded border border-slate-300 px-2 py-1 text-sm">
              <option value="">none: row numbers</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="block text-sm font-medium">
            Id column <span className="font-normal text-slate-500">(optional; otherwise row numbers)</span>
            <input name="idField" type="text" className="mt-1 block rounded border border-slate-300 px-2 py-1 text-sm" />
          </label>
        )}
        <label className="block text-sm font-medium">
          Output
          <select name="format" defaultValue="csv" className="mt-1 block rounded border border-slate-300 px-2 py-1 text-sm">
            <option value="csv">CSV (id, label, p_class…)</option>
            <option value="jsonl">JSONL</option>
          </select>
        </label>
      </div>
      <button type="submit" data-testid="predict-submit" disabled={!hydrated || status.state === "working"} className="btn-primary">
        {status.state === "working" ? "Labeling…" : "Label"}
      </button>
      {status.state === "error" && (
        <p data-testid="predict-error" role="alert" className="text-sm text-rose-700">
          {status.message}
        </p>
      )}
      {status.state === "done" && (
        <p data-testid="predict-done" className="text-sm">
          {status.summary}.{" "}
          <a href={status.href} download={status.fileName} className="font-medium text-indigo-700 underline">
            Download {status.fileName}
          </a>
        </p>
      )}
      {status.state === "running" && (
        <p data-testid="predict-running" className="text-sm">
          Still labeling: follow it on the Jobs tab, then{" "}
          <a href={status.resultUrl} className="font-medium text-indigo-700 underline">
            download the labels
          </a>
          .
        </p>
      )}
    </form>
  );
}
