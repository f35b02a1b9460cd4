import "server-only";
import type { RunDiffResult } from "@alchemist/engine";
import { findProjectTask, getPrisma, runDiffState } from "@alchemist/db";
import { queueRunDiff, type DerivedJob } from "@/features/jobs";

export interface RunDiffPageData {
  readonly status: "ready";
  readonly diff: RunDiffResult;
  readonly classNames: readonly string[];
  /** The sample changed rows with their id and a short preview of their fields. */
  readonly sampleRows: { readonly index: number; readonly externalId: string; readonly preview: string }[];
}

/** The diff is not stored for the runs' current pseudolabels yet: its `run-diff` job (queued once) computes it. */
export interface RunDiffPending {
  readonly status: "computing";
  readonly runs: { readonly a: { readonly id: string; readonly createdAt: string }; readonly b: { readonly id: string; readonly createdAt: string } };
  readonly pending: DerivedJob;
}

/**
 * The stored diff of runs a and b (a = before, b = after) with the sample changed rows' ids and
 * previews (at most 20 rows read). Nothing is computed in the request: when no diff is stored for
 * both runs' current pseudolabels, the `run-diff` job is queued (once, as `viewer`) and returned
 * for live progress.
 *
 * @example
 * const data = await getRunDiffPage(projectId, a, b, actor.userId);
 * if (data.status === "ready") data.diff.changed;
 */
export async function getRunDiffPage(projectId: string, a: string, b: string, viewer: string): Promise<RunDiffPageData | RunDiffPending> {
  const db = getPrisma();
  const state = await runDiffState(db, { projectId, runAId: a, runBId: b });
  const diff = state.result;
  if (!diff) {
    const pending = await queueRunDiff({ projectId, runAId: a, runBId: b, stamps: state.stamps, actorId: viewer });
    const when = (run: { id: string; createdAt: Date }) => ({ id: run.id, createdAt: run.createdAt.toISOString() });
    return { status: "computing", runs: { a: when(state.runA), b: when(state.runB) }, pending };
  }
  const datasetId = state.runA.datasetId;
  const indices = diff.samples.map((s) => s.index);
  const [rows, task, dataset] = await Promise.all([
    indices.length === 0 ? [] : db.row.findMany({ where: { datasetId, index: { in: indices } }, select: { index: true, externalId: true, fields: true } }),
    findProjectTask(db, projectId),
    db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { classNames: true } }),
  ]);
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  const taskClasses = Array.isArray(task?.classes) ? (task.classes as { name: string }[]).map((c) => c.name) : null;
  const classNames = taskClasses ?? (Array.isArray(dataset.classNames) ? (dataset.classNames as string[]) : []);
  return {
    status: "ready",
    diff,
    classNames,
    sampleRows: indices.map((index) => {
      const row = byIndex.get(index);
      const text = row
        ? Object.values(row.fields as Record<string, unknown>)
            .map((v) => String(v ?? ""))
            .join(" · ")
        : "";
      return { index, externalId: row?.externalId ?? String(index), preview: text.length > 140 ? `${text.slice(0, 139)}…` : text };
    }),
  };
}
