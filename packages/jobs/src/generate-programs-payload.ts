import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { parsePayload } from "./parse-payload";

const id = EntityId;

/**
 * Payload of a `generate-programs` job: ids only. What to generate (provider, model, n, params)
 * lives in the GenerationRequest row; API keys live in the worker's environment, never here.
 * The BullMQ job id is the generationRequestId, so enqueueing twice runs it once.
 */
export const GenerateProgramsPayload = z
  .object({ projectId: id, generationRequestId: id, /** The user who started it; the worker re-checks their role before writing. */ actorId: ActorId })
  .strict();
export type GenerateProgramsPayload = z.infer<typeof GenerateProgramsPayload>;

/** Supplementary-info kinds the studio can ask for (retrieval uses the documents uploaded on the Task page). */
export const STUDIO_INFO_KINDS = ["descriptions", "examples", "keywords", "rules", "retrieval"] as const;

/**
 * The `params` JSON of a GenerationRequest, as passed to the engine's generatePrograms.
 *
 * @example
 * const params = GenerationParams.parse({ temperatures: [0.7, 1], repairRounds: 2 });
 */
export const GenerationParams = z
  .object({
    temperatures: z.array(z.number().min(0).max(2)).max(8).default([0.7]),
    repairRounds: z.number().int().min(0).max(5).default(2),
    maxTokens: z.number().int().min(64).max(16_000).default(1500),
    exemplarsPerClass: z.number().int().min(0).max(20).default(3),
    minCoverage: z.number().min(0).max(1).default(0.1),
    maxFaultRate: z.number().min(0).max(1).default(0.2),
    minDevAccuracy: z.number().min(0).max(1).optional(),
    twoStage: z.boolean().default(false),
    concurrency: z.number().int().min(1).max(16).default(4),
    seed: z.number().int().default(42),
    /** builtin only: labeled dev rows the synthesizer learns from. */
    seedSize: z.number().int().min(4).max(10_000).default(50),
  })
  .strict();
export type GenerationParams = z.infer<typeof GenerationParams>;

/**
 * Validates a `generate-programs` payload, naming every bad field.
 *
 * @example
 * const { generationRequestId } = parseGenerateProgramsPayload(job.data);
 */
export function parseGenerateProgramsPayload(data: unknown): GenerateProgramsPayload {
  return parsePayload(GenerateProgramsPayload, "generate-programs", data);
}

/**
 * Validates stored generation params, filling defaults; the error names the request's bad fields.
 *
 * @example
 * const params = parseGenerationParams(request.params);
 */
export function parseGenerationParams(data: unknown): GenerationParams {
  return parsePayload(GenerationParams, "generation-request", data ?? {});
}
