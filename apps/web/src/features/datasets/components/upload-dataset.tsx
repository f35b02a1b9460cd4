"use client";

import { useState } from "react";
import type { UploadPreview } from "../upload-preview";
import { ColumnMappingForm } from "./column-mapping-form";
import { ImageImportForm } from "./image-import-form";
import { useHydrated } from "@/features/shell/client";

type Upload = { state: "idle" } | { state: "uploading"; percent: number } | { state: "error"; message: string } | { state: "done"; preview: UploadPreview };

function send(projectId: string, file: File, encoding: string, header: boolean, onProgress: (percent: number) => void): Promise<UploadPreview> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/projects/${projectId}/uploads?fileName=${encodeURIComponent(file.name)}&encoding=${encoding}&header=${header}`);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress((100 * event.loaded) / event.total);
    xhr.onerror = () => reject(new Error("the upload was interrupted; check the connection and try again"));
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText) as UploadPreview & { error?: string };
        } catch {
          return { error: `the server answered ${xhr.status}` } as UploadPreview & { error?: string };
        }
      })();
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new Error(body.error ?? `the server answered ${xhr.status}`));
    };
    xhr.send(file);
  });
}

/**
 * Step 1 of a dataset import: pick a CSV/TSV/JSONL/Parquet file, a Label Studio JSON export or a zipped WRENCH folder (and, for
 * legacy files, their encoding; for files without a header row, untick "First row is a header"),
 * upload it with a progress bar, then map its columns (step 2) on the preview the server returns.
 * When the server says the header row looks like data, one click reads the same file again
 * without a header.
 *
 * @example
 * <UploadDataset projectId={projectId} taskClasses={["ham", "spam"]} />
 */
export function UploadDataset({
  projectId,
  taskClasses,
  multiLabel = false,
  maxBytes,
}: {
  projectId: string;
  taskClasses: string[] | null;
  /** The task is multi-label: gold columns hold class lists. */
  multiLabel?: boolean;
  maxBytes: number;
}) {
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const [encoding, setEncoding] = useState("auto");
  const [header, setHeader] = useState(true);
  const [file, setFile] = useState<File | null>(null);
  const hydrated = useHydrated();
  const onFile = async (picked: File | undefined | null, withHeader = header) => {
    if (!picked) return;
    setFile(picked);
    if (picked.size > maxBytes)
      return setUpload({
        state: "error",
        message: `${picked.name} is ${(picked.size / 2 ** 20).toFixed(1)} MiB; the limit is ${(maxBytes / 2 ** 20).toFixed(0)} MiB`,
      });
    setUpload({ state: "uploading", percent: 0 });
    try {
      setUpload({ state: "done", preview: await send(projectId, picked, encoding, withHeader, (percent) => setUpload({ state: "uploading", percent })) });
    } catch (error) {
      setUpload({ state: "error", message: (error as Error).message });
    }
  };
  const readWithoutHeader = () => {
    setHeader(false);
    void onFile(file, false);
  };
  return (
    <div className="space-y-6">
      <label className="block rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm">
        <span className="font-medium">
          Choose a .csv, .tsv, .jsonl or .parquet file, a Label Studio JSON export, a .zip of a WRENCH dataset folder, or a .zip of pictures (an image dataset)
        </span>
        <span className="block text-slate-500">Up to {(maxBytes / 2 ** 20).toFixed(0)} MiB.</span>
        <input
          data-testid="upload-input"
          data-ready={hydrated}
          disabled={!hydrated}
          type="file"
          accept=".csv,.tsv,.jsonl,.ndjson,.json,.txt,.zip,.parquet,.pq"
          className="mt-3 text-sm"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-600">
        Text encoding
        <select data-testid="upload-encoding" value={encoding} onChange={(e) => setEncoding(e.target.value)} className="input w-auto">
          <option value="auto">UTF-8 (UTF-16 by its BOM)</option>
          <option value="latin1">Latin-1 / Windows-1252</option>
          <option value="utf-16">UTF-16 (byte order by BOM or guessed)</option>
          <option value="utf-16le">UTF-16 LE</option>
          <option value="utf-16be">UTF-16 BE</option>
        </select>
      </label>
      <label className="flex items-center gap-2 text-sm text-slate-600">
        <input type="checkbox" data-testid="upload-header" checked={header} onChange={(e) => setHeader(e.target.checked)} />
        First row is a header (CSV/TSV; untick for files whose first row is data: columns become column_1, column_2, ...)
      </label>
      {upload.state === "done" && upload.preview.headerLooksLikeData && (
        <p data-testid="header-warning" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          The first row looks like data, not a header ({upload.preview.headerLooksLikeData}).{" "}
          <button type="button" data-testid="read-without-header" className="font-medium underline" onClick={readWithoutHeader}>
            Read it as data
          </button>
        </p>
      )}
      {upload.state === "uploading" && (
        <div data-testid="upload-progress" className="h-2 overflow-hidden rounded bg-slate-100">
          <div className="h-full bg-indigo-500" style={{ width: `${upload.percent}%` }} />
        </div>
      )}
      {upload.state === "error" && (
        <p role="alert" data-testid="upload-error" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {upload.message}
        </p>
      )}
      {upload.state === "done" &&
        (upload.preview.images !== undefined ? (
          <ImageImportForm key={upload.preview.uploadId} projectId={projectId} preview={upload.preview} taskClasses={taskClasses} />
        ) : (
          <ColumnMappingForm key={upload.preview.uploadId} projectId={projectId} preview={upload.preview} taskClasses={taskClasses} multiLabel={multiLabel} />
        ))}
    </div>
  );
}
