import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Program } from "../../core/program";
import { EngineError } from "../../errors/engine-error";
import { labelsCsv } from "./labels-csv";
import { labelsJsonl } from "./labels-jsonl";
import type { MultiLabelPipelineReport } from "./multi-label-pipeline-types";
import type { LabelRow, PipelineReport } from "./pipeline-types";

export interface OutputContents {
  /** A single-label report, or a multi-label one (`kind: "multi-label"`: labels.jsonl is written too). */
  readonly report: PipelineReport | MultiLabelPipelineReport;
  readonly labels: readonly LabelRow[];
  readonly programs: readonly Program[];
  /** The distilled model (`model.onnx`), written with the rest when given. */
  readonly model?: Uint8Array;
}

const EXTENSIONS = { python: "py", javascript: "js" } as const;

async function kindOf(path: string): Promise<"dir" | "other" | "none"> {
  try {
    return (await stat(path)).isDirectory() ? "dir" : "other";
  } catch {
    return "none";
  }
}

/**
 * Writes `report.json`, `labels.csv` (and `labels.jsonl` for a multi-label run), `model.onnx` (when given) and `programs/<name>.<py|js>` into a temporary sibling of
 * `outDir`, then renames it into place; an existing `outDir` is replaced only once the new one is
 * complete, and nothing is left behind when writing fails.
 *
 * @example
 * await writeOutputs("out", { report, labels, programs });
 */
export async function writeOutputs(outDir: string, contents: OutputContents): Promise<void> {
  const target = resolve(outDir);
  if ((await kindOf(target)) === "other") throw new EngineError("INVALID_ARGUMENT", `${outDir}: exists and is not a directory`);
  const parent = dirname(target);
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const temp = join(parent, `.${basename(target)}.tmp-${stamp}`);
  const old = join(parent, `.${basename(target)}.old-${stamp}`);
  try {
    await mkdir(join(temp, "programs"), { recursive: true });
    await writeFile(join(temp, "report.json"), JSON.stringify(contents.report, null, 2) + "\n");
    await writeFile(join(temp, "labels.csv"), labelsCsv(contents.labels, contents.report.task.classes));
    if ("kind" in contents.report && contents.report.kind === "multi-label")
      await writeFile(join(temp, "labels.jsonl"), labelsJsonl(contents.labels, contents.report.task.classes));
    if (contents.model) await writeFile(join(temp, "model.onnx"), contents.model);
    for (const program of contents.programs) {
      await writeFile(join(temp, "programs", `${program.name}.${EXTENSIONS[program.language]}`), program.source);
    }
    const hadOld = (await kindOf(target)) === "dir";
    if (hadOld) await rename(target, old);
    try {
      await rename(temp, target);
    } catch (error) {
      if (hadOld) await rename(old, target);
      throw error;
    }
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof EngineError) throw error;
    throw new EngineError("INVALID_ARGUMENT", `${outDir}: cannot write outputs: ${(error as Error).message}`);
  }
}
