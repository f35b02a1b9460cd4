import "server-only";
import { z } from "zod";
import { getPrisma } from "@alchemist/db";
import { ImageConcepts, QUEUES, RoboShotInsightsPayload } from "@alchemist/jobs";
import { AppError } from "@/lib/app-error";
import { enqueueJob } from "@/features/jobs";
import { parseConceptLines } from "../parse-concept-lines";
import { parseInsightLines } from "../parse-insight-lines";

export const SaveConceptsInput = z.object({
  projectId: z.string().min(1).max(100),
  datasetId: z.string().min(1).max(100),
  concepts: z.string().max(40_000),
  insights: z.string().max(20_000).default(""),
});

/**
 * Queues the re-scoring of an image dataset on an edited concept list and RoboShot insights (a
 * `rescore-images` job: the stored embeddings, calibrated with the insights, against the new
 * concepts; no picture is embedded again). A malformed insight line is refused naming it. The programs'
 * stored votes on the old scores are dropped by the job, so the next apply runs them again.
 *
 * @example
 * const job = await saveConcepts({ projectId, datasetId, concepts: "a round circle\na square" }, actor.userId);
 */
export async function saveConcepts(input: z.infer<typeof SaveConceptsInput>, actorId: string) {
  const dataset = await getPrisma().dataset.findUnique({ where: { id: input.datasetId }, select: { projectId: true, kind: true, name: true } });
  if (!dataset || dataset.projectId !== input.projectId) throw new AppError("NOT_FOUND", `dataset ${input.datasetId} is not in this project`);
  if (dataset.kind !== "IMAGE") throw new AppError("BAD_REQUEST", `dataset "${dataset.name}" has no pictures to score on concepts`);
  const concepts = ImageConcepts.safeParse(parseConceptLines(input.concepts));
  if (!concepts.success) throw new AppError("BAD_REQUEST", `concepts: ${concepts.error.issues.map((i) => i.message).join("; ")}`);
  const lines = parseInsightLines(input.insights);
  if (!lines.ok) throw new AppError("BAD_REQUEST", lines.error);
  const insights = RoboShotInsightsPayload.safeParse(lines.insights);
  if (!insights.success) throw new AppError("BAD_REQUEST", `insights: ${insights.error.issues.map((i) => i.message).join("; ")}`);
  const some = insights.data.harmful.length + insights.data.helpful.length > 0;
  return (
    await enqueueJob(QUEUES.rescoreImages, {
      projectId: input.projectId,
      datasetId: input.datasetId,
      actorId,
      concepts: concepts.data,
      insights: some ? insights.data : null,
    })
  ).row;
}
