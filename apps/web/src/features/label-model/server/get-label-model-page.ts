import "server-only";
import { z } from "zod";
import { findProjectTask, getPrisma } from "@alchemist/db";
import { QUEUES } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { authorizeProject } from "@/features/auth";
import { parseAnalysisSnapshot, type AnalysisView } from "@/features/analysis/client";
import type { RunOption } from "@/features/analysis";
import { AppError } from "@/lib/app-error";
import { parseLabelModelMetrics, type LabelModelView } from "../label-model-view";

const classesSchema = z.array(z.object({ name: z.string() }).passthrough());

export interface LabelModelPageData {
  readonly runs: readonly RunOption[];
  readonly run: RunOption | null;
  readonly metrics: LabelModelView | null;
  readonly analysis: AnalysisView | null;
  readonly classNames: readonly string[];
  /** A refit of this run waiting or running. */
  readonly refitting: boolean;
}

/**
 * The label-model page's data: finished runs (picker), the chosen run's stored label-model
 * comparison, learned accuracies and class balance (`Run.metrics`), its analysis snapshot (program
 * names, dev accuracy, dev gold counts) and whether a refit is under way. Reads stored JSON only.
 *
 * @example
 * const data = await getLabelModelPage(projectId, undefined);
 */
export async function getLabelModelPage(projectId: string, runId: string | undefined): Promise<LabelModelPageData> {
  await authorizeProject(projectId, "read");
  getEnv();
  const db = getPrisma();
  const [runs, task] = await Promise.all([
    db.run.findMany({
      where: { projectId, status: "SUCCEEDED" },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, createdAt: true, labelModel: true },
    }),
    findProjectTask(db, projectId),
  ]);
  const options = runs.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), labelModel: r.labelModel }));
  const classNames = task ? classesSchema.parse(task.classes).map((c) => c.name) : [];
  const chosen = runId ? options.find((r) => r.id === runId) : options[0];
  if (runId && !chosen) throw new AppError("NOT_FOUND", `run ${runId} is not a finished run of this project`);
  if (!chosen) return { runs: options, run: null, metrics: null, analysis: null, classNames, refitting: false };
  const [run, active] = await Promise.all([
    db.run.findUniqueOrThrow({ where: { id: chosen.id }, select: { metrics: true, analysis: true } }),
    db.job.count({ where: { projectId, runId: chosen.id, queue: QUEUES.fitLabelModels, status: { in: ["QUEUED", "RUNNING"] } } }),
  ]);
  return {
    runs: options,
    run: chosen,
    metrics: parseLabelModelMetrics(run.metrics, chosen.id),
    analysis: run.analysis ? parseAnalysisSnapshot(run.analysis, chosen.id) : null,
    classNames,
    refitting: active > 0,
  };
}
