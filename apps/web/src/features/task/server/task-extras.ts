import "server-only";
import { chunkDocument, DEFAULT_TEMPLATE, type PromptTemplate } from "@alchemist/engine";
import {
  addTaskDocument,
  deleteTaskDocument,
  getLatestDataset,
  getPrisma,
  getPromptTemplate,
  getSupplementaryInfo,
  listTaskDocuments,
  readExemplarRows,
  recordAudit,
  savePromptTemplate,
  saveSupplementaryInfo,
  searchRows,
  TEMPLATE_PARTS,
  type StoredPromptTemplate,
} from "@alchemist/db";
import { z } from "zod";
import { AppError } from "@/lib/app-error";
import { loadTaskSpec, validateTemplate } from "./prompt-preview";

/** Largest document accepted for retrieval (text only). */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export interface TaskExtrasView {
  readonly keywords: string;
  readonly rules: string;
  readonly exemplars: { rowId: string; externalId: string; text: string; label: number }[];
  readonly documents: { id: string; name: string; bytes: number; chunks: number; createdAt: string }[];
  /** Every part with its current text (the default when not edited) and whether it was edited. */
  readonly template: { part: keyof PromptTemplate; text: string; edited: boolean }[];
  readonly classNames: string[];
  readonly hasDataset: boolean;
}

const rowText = (fields: Record<string, unknown>): string => {
  const text = typeof fields.text === "string" ? fields.text : JSON.stringify(fields);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/**
 * What the task page's supplementary-info, documents and template sections start from.
 *
 * @example
 * const extras = await getTaskExtras(projectId, ["ham", "spam"]);
 */
export async function getTaskExtras(projectId: string, classNames: string[]): Promise<TaskExtrasView> {
  const db = getPrisma();
  const [info, template, documents, dataset] = await Promise.all([
    getSupplementaryInfo(db, projectId),
    getPromptTemplate(db, projectId),
    listTaskDocuments(db, projectId),
    getLatestDataset(db, projectId),
  ]);
  const exemplars = await readExemplarRows(db, projectId, info.exemplars);
  return {
    keywords: info.keywords,
    rules: info.rules,
    exemplars: exemplars.map((e) => ({ rowId: e.rowId, externalId: e.externalId, text: rowText(e.fields), label: e.label })),
    documents: documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    template: TEMPLATE_PARTS.map((part) => ({ part, text: template[part] ?? DEFAULT_TEMPLATE[part], edited: template[part] !== undefined })),
    classNames,
    hasDataset: !!dataset && dataset.rowCount > 0,
  };
}

export const SaveSupplementaryInput = z.object({
  projectId: z.string().min(1).max(100),
  keywords: z.string().max(20_000, "Keywords: at most 20,000 characters"),
  rules: z.string().max(20_000, "Rules: at most 20,000 characters"),
  exemplars: z.array(z.object({ rowId: z.string().min(1).max(100), label: z.coerce.number().int().min(0) })).max(50, "At most 50 exemplars"),
});

/**
 * Saves keywords, rules and picked exemplars (checked against the task's classes and the project's rows).
 *
 * @example
 * await saveSupplementary({ projectId, keywords: "spam: free", rules: "", exemplars: [] });
 */
export async function saveSupplementary(input: z.infer<typeof SaveSupplementaryInput>) {
  const task = await loadTaskSpec(input.projectId);
  try {
    return await saveSupplementaryInfo(
      getPrisma(),
      input.projectId,
      { keywords: input.keywords.trim(), rules: input.rules.trim(), exemplars: input.exemplars },
      task.classes.length,
    );
  } catch (error) {
    throw new AppError("BAD_REQUEST", (error as Error).message);
  }
}

export const SearchRowsInput = z.object({
  projectId: z.string().min(1).max(100),
  query: z.string().max(200).default(""),
  afterIndex: z.coerce.number().int().min(-1).optional(),
});

/**
 * One page (20) of the newest dataset's train/dev rows containing `query`, for picking exemplars.
 *
 * @example
 * const { rows, nextAfterIndex } = await searchExemplarRows({ projectId, query: "prize" });
 */
export async function searchExemplarRows(input: z.infer<typeof SearchRowsInput>) {
  const db = getPrisma();
  const dataset = await getLatestDataset(db, input.projectId);
  if (!dataset) throw new AppError("BAD_REQUEST", "Import a dataset first: exemplars are picked from its rows");
  const page = await searchRows(db, dataset.id, {
    query: input.query.trim(),
    limit: 20,
    ...(input.afterIndex !== undefined ? { afterIndex: input.afterIndex } : {}),
  });
  return {
    rows: page.rows.map((r) => ({ rowId: r.id, externalId: r.externalId, split: r.split, text: rowText(r.fields), devGold: r.devGold })),
    nextAfterIndex: page.nextAfterIndex,
  };
}

/**
 * Stores an uploaded text document for retrieval, chunked into overlapping word windows.
 * Binary or non-UTF-8 files are refused by name.
 *
 * @example
 * await addDocument(projectId, file, actor.userId);
 */
export async function addDocument(projectId: string, file: File, actorId: string) {
  if (file.size === 0) throw new AppError("BAD_REQUEST", `"${file.name}" is empty`);
  if (file.size > MAX_DOCUMENT_BYTES)
    throw new AppError("TOO_LARGE", `"${file.name}" is ${file.size} bytes; documents may be at most ${MAX_DOCUMENT_BYTES} bytes`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new AppError("UNSUPPORTED", `"${file.name}" is not UTF-8 text; upload .txt or .md documents`);
  }
  if (text.includes("\u0000")) throw new AppError("UNSUPPORTED", `"${file.name}" looks binary (it contains NUL bytes); upload .txt or .md documents`);
  const name = file.name.replace(/[^\w.\- ]/g, "_").slice(0, 200) || "document.txt";
  const chunks = chunkDocument(text, name).map((c) => c.text);
  const db = getPrisma();
  try {
    const doc = await addTaskDocument(db, { projectId, name, bytes: file.size, chunks, actorId });
    await recordAudit(db, {
      projectId,
      actorId,
      action: "document.add",
      targetType: "document",
      targetId: doc.id,
      details: { name, bytes: file.size, chunks: chunks.length },
    });
    return doc;
  } catch (error) {
    throw new AppError("BAD_REQUEST", (error as Error).message);
  }
}

/** Deletes one of the project's documents. */
export async function removeDocument(projectId: string, documentId: string, actorId: string) {
  const db = getPrisma();
  if (!(await deleteTaskDocument(db, projectId, documentId))) throw new AppError("NOT_FOUND", "that document does not exist in this project");
  await recordAudit(db, { projectId, actorId, action: "document.delete", targetType: "document", targetId: documentId });
}

export const SaveTemplateInput = z.object({
  projectId: z.string().min(1).max(100),
  parts: z.object(Object.fromEntries(TEMPLATE_PARTS.map((p) => [p, z.string().max(20_000)])) as Record<(typeof TEMPLATE_PARTS)[number], z.ZodString>),
});

/**
 * Saves the edited template: parts equal to the default (or empty) are stored as "default", so
 * later improvements of the default reach them. Unknown placeholders are refused by name.
 *
 * @example
 * await saveTemplate({ projectId, parts: { system, mission, instruction, signature, zeroShot } });
 */
export async function saveTemplate(input: z.infer<typeof SaveTemplateInput>): Promise<StoredPromptTemplate> {
  const edited: StoredPromptTemplate = {};
  for (const part of TEMPLATE_PARTS) {
    const text = input.parts[part].replace(/\r\n/g, "\n");
    if (text.trim() !== "" && text !== DEFAULT_TEMPLATE[part]) edited[part] = text;
  }
  await validateTemplate(input.projectId, edited);
  return savePromptTemplate(getPrisma(), input.projectId, edited);
}
