import { z } from "zod";
import { EngineError } from "@alchemist/engine";

const flag = z
  .string()
  .optional()
  .transform((value) => value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false");

/** Unset and empty (`KEY=` in .env.example) both mean "not configured". */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

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
  /** LLM keys and endpoints; the CLI passes them to the engine explicitly. */
  OPENAI_API_KEY: unsetIfEmpty(z.string()),
  ANTHROPIC_API_KEY: unsetIfEmpty(z.string()),
  /** Base URL of an OpenAI-compatible server (with /v1), e.g. Ollama's http://127.0.0.1:11434/v1. */
  ALCHEMIST_LLM_BASE_URL: unsetIfEmpty(z.url()),
  /** Default `--provider` for generate/run/demo (builtin when unset). */
  ALCHEMIST_LLM_PROVIDER: unsetIfEmpty(z.enum(["builtin", "openai", "anthropic", "openai-compatible", "replay"])),
  /** Default `--model`. */
  ALCHEMIST_LLM_MODEL: unsetIfEmpty(z.string()),
  /** Folder of the LLM response cache (off when unset). */
  ALCHEMIST_LLM_CACHE_DIR: unsetIfEmpty(z.string()),
  /** `alchemist studio`: the studio's address and a personal API token (Account page). */
  ALCHEMIST_STUDIO_URL: unsetIfEmpty(z.url()),
  ALCHEMIST_TOKEN: unsetIfEmpty(z.string()),
});

export type CliEnv = z.infer<typeof EnvSchema>;

/**
 * Parses the environment variables the CLI reads, once per process (before a command's action); a
 * bad value fails with one line naming the variable.
 *
 * @example
 * const env = parseEnv(process.env); // { ALCHEMIST_DEBUG: false, NO_COLOR: false, ... }
 */
export function parseEnv(source: NodeJS.ProcessEnv): CliEnv {
  const parsed = EnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new EngineError("INVALID_ARGUMENT", `environment variable ${issue.path.join(".")}: ${issue.message}`);
}
