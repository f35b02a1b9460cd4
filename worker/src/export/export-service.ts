import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { labelStudioConfig, labelStudioNames } from "@alchemist/engine";
import { getDataset, getProjectTask, getRun, hasPseudolabels, listTrainedModels, readTrainedModelOnnx, runPrograms, type Db } from "@alchemist/db";
import { exportFileName, type ExportPayload } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { exportLabels } from "./export-labels";
import { exportProgramsZip } from "./export-programs-zip";
import { openLineWriter } from "./write-lines";
import { assertJobActor } from "../assert-job-actor";

/** What an export produced; Job.result of the `export` job. */
export interface ExportResult extends Record<string, unknown> {
  readonly exportId: string;
  readonly format: ExportPayload["format"];
  /** The file's name inside EXPORT_DIR. */
  readonly file: string;
  /** A name for the download. */
  readonly downloadName: string;
  readonly bytes: number;
  /** Rows (labels), programs (zip) or 1 (model). */
  readonly items: number;
}

/**
 * Writes one export of a run into EXPORT_DIR: labels with probabilities (CSV with formula
 * injection neutralised, JSON Lines, Label Studio tasks with a prediction per program, and the
 * labeling config XML those tasks' results match), the run's programs as a zip, or the run's
 * newest trained model as ONNX. The file is written as `<id>.<ext>.part` and renamed when
 * complete, so a download never sees half a file and a retried job simply rewrites it.
 *
 * @example
 * const result = await exportService(prisma, payload, { exportDir: "/tmp/alchemist-exports", report });
 */
export async function exportService(
  db: Db,
  payload: ExportPayload,
  options: { exportDir: string; report: ReportProgress; signal?: AbortSignal },
): Promise<ExportResult> {
  await assertJobActor(db, payload, "read");
  const run = await getRun(db, payload.runId);
  if (!run || run.projectId !== payload.projectId) throw new Error(`run ${payload.runId} is not in this project`);
  const file = exportFileName(payload.exportId, payload.format);
  await mkdir(options.exportDir, { recursive: true });
  const path = join(options.exportDir, file);
  const partial = `${path}.part`;
  const stamp = run.createdAt.toISOString().slice(0, 10);
  let items: number;
  let downloadName: string;
  try {
    if (payload.format === "programs-zip") {
      await options.report(10, "zipping programs");
      items = await exportProgramsZip(db, run, partial);
      downloadName = `programs-run-${run.id}.zip`;
    } else if (payload.format === "onnx") {
      const model = (await listTrainedModels(db, payload.projectId, { runId: run.id })).find((m) => m.status === "SUCCEEDED");
      const onnx = model ? await readTrainedModelOnnx(db, payload.projectId, model.id) : null;
      if (!onnx) throw new Error(`run ${run.id} has no trained model yet: train one on the Train page, then export it`);
      await writeFile(partial, onnx.bytes);
      items = 1;
      downloadName = `model-run-${run.id}.onnx`;
    } else {
      const dataset = await getDataset(db, run.datasetId);
      if (!dataset) throw new Error(`the dataset of run ${run.id} is gone`);
      if (!(await hasPseudolabels(db, run.id))) throw new Error(`run ${run.id} has no pseudolabels yet: fit its label model first, then export`);
      const task = await getProjectTask(db, payload.projectId).catch(() => null);
      const classNames = (task?.classes as { name: string }[] | undefined)?.map((c) => c.name) ?? (dataset.classNames as string[] | null) ?? [];
      if (classNames.length < 2) throw new Error("the project has no task with classes: define the task first");
      const input = task?.input;
      const labelTask = {
        name: task?.name ?? "class",
        input:
          typeof input === "string"
            ? input
            : Array.isArray(input) && input.every((f) => typeof f === "string") && input.length > 0
              ? (input as string[])
              : "text",
      };
      if (payload.format === "label-studio-config") {
        await writeFile(
          partial,
          labelStudioConfig({ classNames, inputs: labelTask.input, names: labelStudioNames(labelTask), multiLabel: task?.multiLabel === true }),
        );
        items = classNames.length;
        downloadName = `label-studio-config-run-${run.id}.xml`;
      } else {
        const programs = runPrograms(run).map((p) => ({ name: p.name, codeHash: p.codeHash }));
        const out = openLineWriter(partial);
        try {
          items = await exportLabels(
            db,
            { runId: run.id, dataset, classNames, task: labelTask, programs, format: payload.format, multiLabel: task?.multiLabel === true },
            out,
            options.report,
            options.signal,
          );
        } finally {
          await out.close();
        }
        const ext = payload.format === "label-studio" ? "label-studio.json" : payload.format;
        downloadName = `labels-run-${run.id}-${stamp}.${ext}`;
      }
    }
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const { size } = await stat(path);
  return { exportId: payload.exportId, format: payload.format, file, downloadName, bytes: size, items };
}
