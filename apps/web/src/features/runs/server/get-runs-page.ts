import "server-only";
import { parseRunSettings, type RunSettings } from "@alchemist/engine";
import { getPrisma, runPrograms } from "@alchemist/db";
import { chosenLabelModelScores, type LabelModelScoresView } from "../run-summary";

export const RUNS_PAGE_SIZE = 25;

export interface RunRowView {
  readonly id: string;
  readonly createdAt: string;
  readonly status: string;
  readonly datasetName: string;
  readonly programs: { readonly name: string; readonly programVersionId: string }[];
  readonly labelModel: LabelModelScoresView | null;
  readonly hasPseudolabels: boolean;
  /** The settings the run started with (seed, runner budgets). */
  readonly settings: RunSettings;
  /** The run's newest finished model: test scores and id (for the download). */
  readonly model: { readonly id: string; readonly accuracy: number | null; readonly f1: number | null } | null;
}

/**
 * One page of the project's runs, newest first: date, programs, label model with dev/test scores
 * and the newest distilled model. Reads run rows and small JSON only, never data rows.
 *
 * @example
 * const { runs, total } = await getRunsPage(projectId, 0);
 */
export async function getRunsPage(projectId: string, page: number): Promise<{ runs: RunRowView[]; total: number; page: number; pages: number }> {
  const db = getPrisma();
  const total = await db.run.count({ where: { projectId } });
  const pages = Math.max(1, Math.ceil(total / RUNS_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const rows = await db.run.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    skip: current * RUNS_PAGE_SIZE,
    take: RUNS_PAGE_SIZE,
    select: { id: true, createdAt: true, status: true, programs: true, metrics: true, settings: true, dataset: { select: { name: true } } },
  });
  const ids = rows.map((r) => r.id);
  const [models, fitted] = await Promise.all([
    db.trainedModel.findMany({
      where: { runId: { in: ids }, status: "SUCCEEDED" },
      orderBy: { createdAt: "desc" },
      select: { id: true, runId: true, metrics: true },
    }),
    db.pseudolabel.groupBy({ by: ["runId"], where: { runId: { in: ids } }, _count: { _all: true } }),
  ]);
  const newest = new Map<string, (typeof models)[number]>();
  for (const m of models) if (!newest.has(m.runId)) newest.set(m.runId, m);
  const withPseudolabels = new Set(fitted.map((f) => f.runId));
  const runs = rows.map((r) => {
    const model = newest.get(r.id);
    const scores = (model?.metrics ?? null) as { accuracy?: number | null; f1?: number | null } | null;
    return {
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      status: r.status,
      datasetName: r.dataset.name,
      programs: runPrograms(r).map((p) => ({ name: p.name, programVersionId: p.programVersionId })),
      labelModel: chosenLabelModelScores(r.metrics),
      hasPseudolabels: withPseudolabels.has(r.id),
      settings: parseRunSettings(r.settings),
      model: model ? { id: model.id, accuracy: scores?.accuracy ?? null, f1: scores?.f1 ?? null } : null,
    };
  });
  return { runs, total, page: current, pages };
}
