import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";

/**
 * Payload of a `sweep` job (the studio's ablation sweep): ids only. The Sweep row holds the grid
 * (`SweepGrid`) and names its GenerationRequest (provider, model, budget). The BullMQ job id is the sweep id.
 */
export const SweepPayload = z.object({ projectId: EntityId, sweepId: EntityId, actorId: ActorId }).strict();
export type SweepPayload = z.infer<typeof SweepPayload>;

const list = <T extends z.ZodType>(item: T, what: string, max: number) =>
  z
    .array(item)
    .min(1, `pick at least one ${what}`)
    .max(max, `at most ${max} ${what}s: the grid runs every combination`)
    .refine((xs) => new Set(xs.map(String)).size === xs.length, `each ${what} once`);

/**
 * The grid a sweep runs (Sweep.grid): program counts (prefixes of each cell's programs), info
 * kinds ("none" = no stage-1 info) and temperatures, plus how many test rows the zero-shot
 * baseline labels (0 = only its cost estimate). The studio writes it, the worker reads it.
 *
 * @example
 * SweepGrid.parse({ programs: [1, 2, 5], info: ["none", "keywords"], temperatures: [0.3, 1], zeroShotSample: 20 });
 */
export const SweepGrid = z
  .object({
    programs: list(z.number().int().min(1, "a program count is at least 1").max(20, "at most 20 programs per cell"), "program count", 6),
    info: list(z.enum(["none", "keywords", "rules", "descriptions", "examples"]), "info kind", 5),
    temperatures: list(z.number().min(0, "a temperature is between 0 and 2").max(2, "a temperature is between 0 and 2"), "temperature", 3),
    zeroShotSample: z.number().int().min(0).max(200, "the zero-shot baseline labels at most 200 test rows"),
  })
  .strict();
export type SweepGrid = z.infer<typeof SweepGrid>;
