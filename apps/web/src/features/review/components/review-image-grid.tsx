import type { ReviewItem } from "../review-item";
import { imageDatasetOfRow } from "@/features/images";
import { ImageGrid } from "@/features/images/client";

function scoresOf(item: ReviewItem): Record<string, number> {
  const field = item.fields.find((f) => f.name === "scores");
  try {
    const parsed: unknown = field ? JSON.parse(field.value) : {};
    return parsed && typeof parsed === "object"
      ? Object.fromEntries(Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === "number"))
      : {};
  } catch {
    return {};
  }
}

/**
 * The review queue's pictures as a thumbnail grid (image datasets only): each row of the page with
 * its current gold, its pseudolabel and its concept scores, next to the keyboard queue.
 *
 * @example
 * <ReviewImageGrid projectId={projectId} items={view.items} classes={view.classes} />
 */
export async function ReviewImageGrid({ projectId, items, classes }: { projectId: string; items: readonly ReviewItem[]; classes: readonly string[] }) {
  const datasetId = items[0] ? await imageDatasetOfRow(projectId, items[0].rowId) : null;
  if (!datasetId) return null;
  return (
    <ImageGrid
      projectId={projectId}
      datasetId={datasetId}
      testId="review-image-grid"
      images={items.map((item) => ({
        index: item.index,
        externalId: item.externalId,
        scores: scoresOf(item),
        gold: item.gold ? (classes[item.gold.label] ?? String(item.gold.label)) : null,
        label: item.pseudolabel ? `${classes[item.pseudolabel.label] ?? item.pseudolabel.label} ${(100 * item.pseudolabel.confidence).toFixed(0)}%` : null,
      }))}
    />
  );
}
