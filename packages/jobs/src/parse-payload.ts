import type { z } from "zod";

/**
 * Validates a job payload with `schema`, throwing an error that names the queue and every bad field.
 *
 * @example
 * const payload = parsePayload(ImportDatasetPayload, "import-dataset", job.data);
 */
export function parsePayload<T extends z.ZodType>(schema: T, queue: string, data: unknown): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ");
    throw new Error(`invalid ${queue} payload: ${issues}`);
  }
  return parsed.data;
}
