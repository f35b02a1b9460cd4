import { z } from "zod";

/** One insight: a description, or a pair whose difference is the direction (`["a", "b"]` = a - b). */
const insight = z.array(z.string().trim().min(1, "an insight text is empty").max(300, "insight texts are at most 300 characters")).min(1).max(2);

/**
 * RoboShot insights as the studio stores and sends them (`ImageScoring.insights`, the
 * rescore-images payload): harmful (spurious) directions projected out of every embedding,
 * helpful ones boosted, before the concept scores are computed. The engine's `RoboShotInsights`.
 *
 * @example
 * roboShotInsightsSchema.parse({ harmful: [["blue water", "green grass"]], helpful: [["a round circle", "a square"]] });
 */
export const roboShotInsightsSchema = z.object({
  harmful: z.array(insight).max(16, "at most 16 harmful insights"),
  helpful: z.array(insight).max(16, "at most 16 helpful insights"),
});
export type RoboShotInsightsInput = z.infer<typeof roboShotInsightsSchema>;
