import { ImageGrid } from "./image-grid";

/** The fields of a row the grid reads (`scores` from an image dataset's rows). */
interface RowLike {
  readonly index: number;
  readonly externalId: string;
  readonly gold: number | null;
  readonly fields: unknown;
  readonly href?: string;
}

export const rowScores = (fields: unknown): Record<string, number> => {
  const scores = fields && typeof fields === "object" ? (fields as { scores?: unknown }).scores : undefined;
  return scores && typeof scores === "object" ? Object.fromEntries(Object.entries(scores).filter((e): e is [string, number] => typeof e[1] === "number")) : {};
};

/**
 * The rows page's thumbnail grid for an image dataset (the page renders it only for one, from the
 * dataset's `kind` it already read): every row on the page with its picture, gold and concept scores.
 *
 * @example
 * <ImageRowsGrid projectId={p} datasetId={d} rows={page.rows} classes={classes} />
 */
export function ImageRowsGrid({
  projectId,
  datasetId,
  rows,
  classes,
}: {
  projectId: string;
  datasetId: string;
  rows: readonly RowLike[];
  classes: readonly string[];
}) {
  return (
    <ImageGrid
      projectId={projectId}
      datasetId={datasetId}
      testId="rows-image-grid"
      images={rows.map((r) => ({
        index: r.index,
        externalId: r.externalId,
        scores: rowScores(r.fields),
        gold: r.gold === null ? null : (classes[r.gold] ?? String(r.gold)),
        ...(r.href ? { href: r.href } : {}),
      }))}
    />
  );
}
