import "server-only";
import { notFound } from "next/navigation";
import {
  DomainError,
  browseRows,
  findProjectTask,
  getPrisma,
  isDomainError,
  latestAnalysedRun,
  readRowDetail,
  readRunDataStamp,
  type Db,
  type DatasetKind,
  type RowBrowseQuery,
  type RowBrowsePage,
  type Split,
} from "@alchemist/db";
import { classSetNames } from "@alchemist/engine";
import { getEnv } from "@/env";
import { createStampedCache } from "@/lib/stamped-cache";
import { ROWS_PAGE_SIZE, type RowsQuery } from "../rows-query";

/**
 * Everything the rows page shows for one URL: the dataset, its newest analysed run's programs,
 * one page of matching rows and the open row's drawer. A filter the run cannot answer (no run,
 * no pseudolabels, a program not in the run) comes back as `error` with an empty page, so the
 * page still renders with the filters to change. The caller has authorized "read".
 *
 * @example
 * const view = await getRowsView(projectId, datasetId, parseRowsQuery(searchParams));
 */
export async function getRowsView(projectId: string, datasetId: string, query: RowsQuery) {
  getEnv();
  const db = getPrisma();
  // The dataset, its newest analysed run and the task's classes only change with the project's
  // dataset, run and task rows: kept per process under their stamp (read first, so a write
  // anywhere is seen on the next request). The rows themselves are always read live.
  const { stamp } = await readRunDataStamp(db, projectId);
  const context = await rowsContexts.get(`${projectId}\u0000${datasetId}`, stamp, () => loadRowsContext(db, projectId, datasetId));
  if (!context) notFound();
  const { dataset, run, classes, setNames } = context;
  let error: string | null = null;
  let page: RowBrowsePage = { rows: [], total: 0, page: 0, pages: 1 };
  try {
    if (query.prog && run && !run.programs.some((p) => p.programId === query.prog)) {
      throw new DomainError("INVALID", "the program in this link is not in the dataset's newest analysed run: pick one of its programs");
    }
    page = await browseRows(db, {
      dataset,
      run: run && { id: run.id, codeHashes: run.programs.map((p) => p.codeHash) },
      query: toBrowseQuery(query, run?.programs ?? []),
    });
  } catch (caught) {
    if (!isDomainError(caught)) throw caught;
    error = caught.message;
  }
  const detail = query.row === undefined ? null : await readRowDetail(db, { dataset, run, index: query.row });
  return { dataset: { id: dataset.id, name: dataset.name, rowCount: dataset.rowCount, kind: dataset.kind }, classes, setNames, run, page, error, detail };
}

type RowsContext = {
  readonly dataset: { id: string; projectId: string; name: string; kind: DatasetKind; rowCount: number; chunkSize: number; classNames: unknown };
  readonly run: Awaited<ReturnType<typeof latestAnalysedRun>>;
  readonly classes: string[];
  readonly setNames: string[] | null;
};

const rowsContexts = createStampedCache<RowsContext | null>(500);

/** The rows page's dataset (null when it is not the project's), newest analysed run (pseudolabels are written before the run row, so the stamp covers them) and class names. */
async function loadRowsContext(db: Db, projectId: string, datasetId: string): Promise<RowsContext | null> {
  const dataset = await db.dataset.findUnique({
    where: { id: datasetId },
    select: { id: true, projectId: true, name: true, kind: true, rowCount: true, chunkSize: true, classNames: true },
  });
  if (!dataset || dataset.projectId !== projectId) return null;
  const [run, task] = await Promise.all([latestAnalysedRun(db, datasetId), findProjectTask(db, projectId)]);
  const taskClasses = Array.isArray(task?.classes) ? (task.classes as { name: string }[]).map((c) => c.name) : [];
  const classes = Array.isArray(dataset.classNames) && dataset.classNames.length ? (dataset.classNames as string[]) : taskClasses;
  // A multi-label project's gold and votes are class-set bitmasks: named as their lists (sports|tech).
  return { dataset, run, classes, setNames: task?.multiLabel ? classSetNames(classes) : null };
}

/** The URL's query in the repository's terms (program ids -> positions in the run). */
export function toBrowseQuery(query: RowsQuery, programs: readonly { programId: string }[]): RowBrowseQuery {
  let vote: RowBrowseQuery["vote"];
  if (query.prog) {
    const program = programs.findIndex((p) => p.programId === query.prog);
    // A program missing from the run still filters (to nothing): the repository names the problem.
    vote = { program: program < 0 ? programs.length : program, value: query.vote ?? "fires" };
  }
  return {
    q: query.q,
    split: query.split?.toUpperCase() as Split | undefined,
    gold: query.gold,
    pseudolabel: query.pl,
    confidenceMin: query.cmin,
    confidenceMax: query.cmax,
    vote,
    conflict: query.conflict === undefined ? undefined : query.conflict === "yes",
    sort: query.sort,
    page: query.page - 1,
    pageSize: ROWS_PAGE_SIZE,
  };
}
