import { z } from "zod";

const flag = z
  .string()
  .optional()
  .transform((value) => value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false");

const EnvSchema = z.object({
  /** Print stack traces for errors. */
  ALCHEMIST_DEBUG: flag,
  /** https://no-color.org: any non-empty value disables colour. */
  NO_COLOR: z
    .string()
    .optional()
    .transform((value) => value !== undefined && value !== ""),
  /** Force plain line logs instead of progress bars even on a terminal. */
  ALCHEMIST_NO_PROGRESS: flag,
});

export type CliEnv = z.infer<typeof EnvSchema>;

/**
 * Parses the environment variables the CLI reads, once per process.
 *
 * @example
 * const env = parseEnv(process.env); // { ALCHEMIST_DEBUG: false, NO_COLOR: false, ... }
 */
export function parseEnv(source: NodeJS.ProcessEnv): CliEnv {
  return EnvSchema.parse(source);
}
