import "server-only";
import { getPrisma, listRuns, runPrograms } from "@alchemist/db";

/** A run as the export form offers it. */
export interface ExportableRun {
  readonly id: string;
  readonly label: string;
  readonly hasPseudolabels: boolean;
  readonly hasModel: boolean;
}

/**
 * The runs of a project an export can start from, newest first, with what each can export
 * (pseudolabels for labels, a finished trained model for ONNX). Three small queries, no rows.
 *
 * @example
 * const runs = await getExportableRuns(projectId);
 */
export async function getExportableRuns(projectId: string): Promise<ExportableRun[]> {
  const db = getPrisma();
  const runs = (await listRuns(db, projectId)).slice(0, 50);
  const ids = runs.map((r) => r.id);
  const [labelled, models] = await Promise.all([
    db.pseudolabel.findMany({ where: { runId: { in: ids }, chunkIndex: 0 }, select: { runId: true } }),
    db.trainedModel.findMany({ where: { runId: { in: ids }, status: "SUCCEEDED" }, select: { runId: true } }),
  ]);
  const withLabels = new Set(labelled.map((p) => p.runId));
  const withModel = new Set(models.map((m) => m.runId));
  return runs.map((run) => ({
    id: run.id,
    label: `${run.createdAt.toISOString().slice(0, 16).replace("T", " ")} · ${runPrograms(run).length} programs · ${run.labelModel ?? "no label model"} · ${run.status.toLowerCase()}`,
    hasPseudolabels: withLabels.has(run.id),
    hasModel: withModel.has(run.id),
  }));
}
