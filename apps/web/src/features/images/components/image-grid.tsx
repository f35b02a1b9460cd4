/** One picture in a grid: its thumbnail URL, scores and labels. */
export interface GridImage {
  readonly index: number;
  readonly externalId: string;
  readonly scores: Record<string, number>;
  readonly gold: string | null;
  readonly label?: string | null;
  readonly href?: string;
}

/** The URL of one picture of an image dataset (served after a project access check). */
export const imageUrl = (projectId: string, datasetId: string, index: number, size: "thumbnail" | "full" = "thumbnail") =>
  `/api/projects/${projectId}/datasets/${datasetId}/images/${index}${size === "full" ? "?size=full" : ""}`;

/**
 * Pictures as a thumbnail grid, each with its gold (or label) and its concept scores, highest
 * first, so a reviewer sees what the programs read.
 *
 * @example
 * <ImageGrid projectId={p} datasetId={d} images={images} testId="rows-image-grid" />
 */
export function ImageGrid({ projectId, datasetId, images, testId }: { projectId: string; datasetId: string; images: readonly GridImage[]; testId: string }) {
  return (
    <ul data-testid={testId} className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6">
      {images.map((image) => {
        const scores = Object.entries(image.scores).sort((a, b) => b[1] - a[1]);
        const body = (
          <>
            <img
              src={imageUrl(projectId, datasetId, image.index)}
              alt={image.externalId}
              width={128}
              height={128}
              loading="lazy"
              className="mx-auto h-32 w-32 rounded object-cover"
            />
            <p className="mt-1 truncate font-mono text-[11px] text-slate-500" title={image.externalId}>
              #{image.index} · {image.externalId}
            </p>
            {(image.gold || image.label) && (
              <p className="text-xs">
                {image.gold && <span className="rounded bg-emerald-50 px-1 text-emerald-800">gold {image.gold}</span>}{" "}
                {image.label && <span className="rounded bg-indigo-50 px-1 text-indigo-800">{image.label}</span>}
              </p>
            )}
            <table data-testid="image-scores" className="mt-1 w-full text-[11px] text-slate-600">
              <tbody>
                {scores.map(([concept, score]) => (
                  <tr key={concept}>
                    <td className="truncate pr-1" title={concept}>
                      {concept}
                    </td>
                    <td className="text-right font-mono">{score.toFixed(3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        );
        return (
          <li key={image.index} data-testid="image-tile" data-index={image.index} className="rounded-lg border border-slate-200 bg-white p-2 shadow-sm">
            {image.href ? (
              <a href={image.href} className="block">
                {body}
              </a>
            ) : (
              body
            )}
          </li>
        );
      })}
    </ul>
  );
}
