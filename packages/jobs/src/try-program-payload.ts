import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { parsePayload } from "./parse-payload";

const id = EntityId;

/**
 * Payload of a `try-program` job. It carries the draft source on purpose: trying code must not
 * create a program version; the size cap keeps Redis payloads small.
 */
export const TryProgramPayload = z
  .object({
    projectId: id,
    /** The user who asked; the worker re-checks they may still read the project's rows. */
    actorId: ActorId,
    language: z.enum(["python", "javascript"]),
    functionName: z.string().regex(/^[A-Za-z_$][\w$]*$/, "function names are identifiers"),
    source: z.string().min(1, "source is empty").max(100_000, "source is over 100,000 characters"),
    rows: z.number().int().min(1).max(100).default(20),
  })
  .strict();
export type TryProgramPayload = z.infer<typeof TryProgramPayload>;

/** One sample row's outcome: the vote (-1 = abstain), the fault kind and message if it failed. */
export interface TryProgramRow {
  readonly index: number;
  readonly id: string;
  readonly input: string;
  readonly gold: number | null;
  /** The raw return value when the runner reports it (JSON-safe), else null. */
  readonly output: unknown;
  readonly vote: number;
  readonly fault: string | null;
  readonly error: string | null;
}

/** What a `try-program` job returns. */
export interface TryProgramResult {
  readonly classNames: string[];
  readonly checkErrors: { message: string; line?: number; column?: number }[];
  readonly rows: TryProgramRow[];
  readonly millis: number;
}

/**
 * Validates a `try-program` payload, naming the bad fields.
 *
 * @example
 * const { source } = parseTryProgramPayload(job.data);
 */
export function parseTryProgramPayload(data: unknown): TryProgramPayload {
  return parsePayload(TryProgramPayload, "try-program", data);
}
