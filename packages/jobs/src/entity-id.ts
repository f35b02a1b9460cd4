import { z } from "zod";

/** A database id in a job payload (cuid and the like): never a path, never data. */
export const EntityId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "ids are [A-Za-z0-9_-]");
