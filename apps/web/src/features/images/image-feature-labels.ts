import type { ImageFeatureKind } from "@alchemist/engine";

/** How the studio names what an image project's distilled model reads (RunSettings.imageFeatures, the CLI's --features). */
export const IMAGE_FEATURE_LABELS: Readonly<Record<ImageFeatureKind, string>> = {
  embeddings: "CLIP image embeddings",
  scores: "concept scores",
  both: "CLIP image embeddings and concept scores",
};

/** The choices in the order forms list them. */
export const IMAGE_FEATURE_OPTIONS: readonly ImageFeatureKind[] = ["embeddings", "scores", "both"];
