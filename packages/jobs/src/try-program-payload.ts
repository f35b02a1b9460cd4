import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { parsePayload } from "./parse-payload";

const id = EntityId;

/** Sample filters of "Run on sample". */
export const TRY_FILTERS = ["all", "fires", "wrong", "conflicts", "faults"] as const;
export type TryFilter = (typeof TRY_FILTERS)[number];
/** Most rows "Run on sample" shows. */
export const TRY_MAX_ROWS = 200;
/** Rows a filtered sample run scans for matches (DEV rows with gold first). */
export const TRY_SCAN_ROWS = 1000;

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
    /** Rows to show. */
    rows: z.number().int().min(1).max(TRY_MAX_ROWS, `at most ${TRY_MAX_ROWS} sample rows`).default(20),
    /** Which sample rows to show: every row, or those where it votes, votes wrong on DEV gold, disagrees with another enabled program, or faults. */
    filter: z.enum(TRY_FILTERS).default("all"),
    /** The program being edited: left out of the "conflicts" comparison (its saved code is the draft's past). */
    programId: id.optional(),
    /** Only the static check (compile, the function defined): what a save runs before storing code. */
    checkOnly: z.boolean().default(false),
  })
  .strict();
export type TryProgramPayload = z.infer<typeof TryProgramPayload>;

/** One sample row's outcome: the vote (-1 = abstain), the fault kind and message if it failed. */
export interface TryProgramRow {
  readonly index: number;
  readonly id: string;
  readonly split: "TRAIN" | "DEV" | "TEST";
  readonly input: string;
  /** Gold of DEV rows only (train gold fits nothing, test gold is for final metrics). */
  readonly gold: number | null;
  /** The raw return value when the runner reports it (JSON-safe), else null. */
  readonly output: unknown;
  readonly vote: number;
  readonly fault: string | null;
  readonly error: string | null;
  /** With the "conflicts" filter: the enabled programs that vote another class on this row. */
  readonly conflictsWith?: string[];
  /** Image datasets: the picture's `{concept: score}` record (the program's input), shown beside its thumbnail. */
  readonly scores?: Record<string, number>;
}

/** What a `try-program` job returns. */
export interface TryProgramResult {
  readonly classNames: string[];
  readonly checkErrors: { message: string; line?: number; column?: number }[];
  readonly rows: TryProgramRow[];
  readonly millis: number;
  readonly filter: TryFilter;
  /** Rows the program ran on to find `rows` (equal to rows.length without a filter). */
  readonly scanned: number;
  /** Scanned rows that matched the filter (rows shows the first of them). */
  readonly matched: number;
  /** Set when the sample came from an image dataset: row `index` is a picture of this dataset (thumbnails). */
  readonly imageDatasetId?: string;
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
