import type { Db } from "../client";

/** The editable template parts (engine `PromptTemplate` keys); missing parts mean the paper's default. */
export const TEMPLATE_PARTS = ["system", "mission", "instruction", "signature", "zeroShot"] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];
export type StoredPromptTemplate = Partial<Record<TemplatePart, string>>;

function parseTemplate(value: unknown): StoredPromptTemplate {
  const out: StoredPromptTemplate = {};
  if (value && typeof value === "object")
    for (const part of TEMPLATE_PARTS) {
      const text = (value as Record<string, unknown>)[part];
      if (typeof text === "string" && text.trim() !== "") out[part] = text;
    }
  return out;
}

/**
 * The project's edited prompt template parts ({} = the paper's prompts).
 *
 * @example
 * const template = await getPromptTemplate(prisma, projectId); // { mission: "Write ..." }
 */
export async function getPromptTemplate(db: Db, projectId: string): Promise<StoredPromptTemplate> {
  const row = await db.promptSettings.findUnique({ where: { projectId }, select: { template: true } });
  return parseTemplate(row?.template);
}

/**
 * Replaces the project's template; empty parts fall back to the default. The caller validates
 * placeholders with the engine first (the db does not know them).
 *
 * @example
 * await savePromptTemplate(prisma, projectId, { mission: "Write a careful function in {language} to {task}" });
 */
export async function savePromptTemplate(db: Db, projectId: string, template: StoredPromptTemplate): Promise<StoredPromptTemplate> {
  const clean = parseTemplate(template);
  await db.promptSettings.upsert({ where: { projectId }, create: { projectId, template: clean }, update: { template: clean } });
  return clean;
}

/**
 * Rows and estimated prompt tokens (chars/4, rounded up per row like the engine's
 * `estimateTokens`) of zero-shot labeling every row of a dataset, summed in Postgres so a
 * 100k-row dataset never leaves the database. `fixedChars` is the prompt's length without the
 * row; one input field is exact, several are measured as their JSON object (within a few characters).
 *
 * @example
 * const { rows, inputTokens } = await zeroShotTokenSum(prisma, datasetId, { fields: ["text"], fixedChars: 80 });
 */
export async function zeroShotTokenSum(
  db: Db,
  datasetId: string,
  o: { fields: readonly string[]; fixedChars: number },
): Promise<{ rows: number; inputTokens: number }> {
  if (o.fields.length === 0) throw new Error("zeroShotTokenSum needs at least one input field");
  if (!Number.isInteger(o.fixedChars) || o.fixedChars < 0) throw new Error(`fixedChars must be an integer >= 0, got ${o.fixedChars}`);
  const [row] =
    o.fields.length === 1
      ? await db.$queryRaw<{ rows: bigint; tokens: number | null }[]>`
        SELECT count(*) AS rows, sum(ceil((${o.fixedChars}::int + coalesce(char_length("fields"->>${o.fields[0]}), 4)) / 4.0))::float8 AS tokens
        FROM "Row" WHERE "datasetId" = ${datasetId}`
      : await db.$queryRaw<{ rows: bigint; tokens: number | null }[]>`
        SELECT count(*) AS rows, sum(ceil((${o.fixedChars}::int + char_length(replace(replace((
          SELECT jsonb_object_agg(k, coalesce("fields"->k, 'null'::jsonb)) FROM unnest(${o.fields}::text[]) AS k)::text, '": ', '":'), ', "', ',"'))) / 4.0))::float8 AS tokens
        FROM "Row" WHERE "datasetId" = ${datasetId}`;
  return { rows: Number(row?.rows ?? 0), inputTokens: row?.tokens ?? 0 };
}
