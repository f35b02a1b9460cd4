import { z } from "zod";

/** A database id in a job payload (cuid and the like): never a path, never data. */
export const EntityId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ids are [A-Za-z0-9_-]");

/**
 * The user a job acts for. Required in every payload: the worker re-checks this member's role in
 * the project before the job writes anything, since roles can change while a job waits.
 *
 * @example
 * z.object({ projectId: EntityId, actorId: ActorId });
 */
export const ActorId = z
  .string({ error: (issue) => (issue.input === undefined ? "every job names the user it acts for (actorId is missing)" : "actorId must be a user id") })
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "ids are [A-Za-z0-9_-]");
