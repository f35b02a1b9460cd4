import type { Db } from "../client";

/** The editable template parts (engine `PromptTemplate` keys); missing parts mean the paper's default. */
export const TEMPLATE_PARTS = ["system", "mission", "instruction", "signature", "zeroShot"] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];
export type StoredPromptTemplate = Partial<Record<TemplatePart, string>>;

function parseTemplate(value: unknown): StoredPromptTemplate {
  const out: StoredPromptTemplate = {};
  if (value && typeof value === "object") for (const part of TEMPLATE_PARTS) {
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
