import "server-only";
import { getPrisma, getRunDiff, type RunDiffResult } from "@alchemist/db";
import { AppError } from "@/lib/app-error";

export interface RunDiffPageData {
  readonly diff: RunDiffResult;
  readonly classNames: readonly string[];
  /** The sample changed rows with their id and a short preview of their fields. */
  readonly sampleRows: { readonly index: number; readonly externalId: string; readonly preview: string }[];
}

/**
 * The diff of runs a and b (a = before, b = after): computed chunk by chunk on first request and
 * cached (see `getRunDiff`), plus the sample changed rows' ids and previews (at most 20 rows read).
 *
 * @example
 * const { diff } = await getRunDiffPage(projectId, a, b);
 */
export async function getRunDiffPage(projectId: string, a: string, b: string): Promise<RunDiffPageData> {
  const db = getPrisma();
  let diff: RunDiffResult;
  try {
    diff = await getRunDiff(db, { projectId, runAId: a, runBId: b });
  } catch (error) {
    const message = (error as Error).message;
    if (/is not in project/.test(message)) throw new AppError("NOT_FOUND", message.replace(/ in project \S+/, " in this project"));
    if (/no pseudolabels|different datasets/.test(message)) throw new AppError("CONFLICT", message);
    throw error;
  }
  const run = await db.run.findUnique({ where: { id: a }, select: { datasetId: true, dataset: { select: { classNames: true } } } });
  const indices = diff.samples.map((s) => s.index);
  const rows = indices.length === 0 ? [] : await db.row.findMany({ where: { datasetId: run!.datasetId, index: { in: indices } }, select: { index: true, externalId: true, fields: true } });
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  const task = await db.task.findFirst({ where: { projectId }, orderBy: { createdAt: "desc" }, select: { classes: true } });
  const taskClasses = Array.isArray(task?.classes) ? (task.classes as { name: string }[]).map((c) => c.name) : null;
  const classNames = taskClasses ?? (Array.isArray(run!.dataset.classNames) ? (run!.dataset.classNames as string[]) : []);
  return {
    diff, classNames,
    sampleRows: indices.map((index) => {
      const row = byIndex.get(index);
      const text = row ? Object.values(row.fields as Record<string, unknown>).map((v) => String(v ?? "")).join(" · ") : "";
      return { index, externalId: row?.externalId ?? String(index), preview: text.length > 140 ? `${text.slice(0, 139)}…` : text };
    }),
  };
}
