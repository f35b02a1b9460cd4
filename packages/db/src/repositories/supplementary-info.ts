import type { Db } from "../client";
import type { Split } from "../generated/prisma/enums";

/** A row a person picked as an example for prompts, with the class (index) they gave it. */
export interface PickedExemplar {
  readonly rowId: string;
  readonly label: number;
}

/** The task's supplementary info as stored (empty strings / [] when never set). */
export interface SupplementaryInfoRecord {
  readonly keywords: string;
  readonly rules: string;
  readonly exemplars: readonly PickedExemplar[];
}

const MAX_EXEMPLARS = 50;

function parseExemplars(value: unknown): PickedExemplar[] {
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is PickedExemplar => typeof e?.rowId === "string" && Number.isInteger(e?.label));
}

/**
 * The project's keywords, rules and picked exemplars.
 *
 * @example
 * const { keywords, rules, exemplars } = await getSupplementaryInfo(prisma, projectId);
 */
export async function getSupplementaryInfo(db: Db, projectId: string): Promise<SupplementaryInfoRecord> {
  const row = await db.promptSettings.findUnique({ where: { projectId }, select: { keywords: true, rules: true, exemplars: true } });
  return { keywords: row?.keywords ?? "", rules: row?.rules ?? "", exemplars: parseExemplars(row?.exemplars) };
}

/**
 * Saves keywords, rules and exemplars (each replaced as a whole). Exemplars must be rows of the
 * project's datasets outside the test split (test rows never reach a prompt) with a label 0..k-1.
 *
 * @example
 * await saveSupplementaryInfo(prisma, projectId, { keywords: "spam: free, prize", rules: "", exemplars: [{ rowId, label: 1 }] }, 2);
 */
export async function saveSupplementaryInfo(db: Db, projectId: string, info: SupplementaryInfoRecord, classCount: number): Promise<SupplementaryInfoRecord> {
  if (info.exemplars.length > MAX_EXEMPLARS) throw new Error(`at most ${MAX_EXEMPLARS} exemplars, got ${info.exemplars.length}`);
  for (const e of info.exemplars)
    if (!Number.isInteger(e.label) || e.label < 0 || e.label >= classCount)
      throw new Error(`exemplar ${e.rowId}: label must be a class index 0..${classCount - 1}, got ${e.label}`);
  const ids = [...new Set(info.exemplars.map((e) => e.rowId))];
  if (ids.length !== info.exemplars.length) throw new Error("an exemplar row is listed twice");
  const rows = ids.length
    ? await db.row.findMany({ where: { id: { in: ids }, dataset: { projectId } }, select: { id: true, split: true, externalId: true } })
    : [];
  const missing = ids.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw new Error(`exemplar rows ${missing.join(", ")} are not rows of this project`);
  const test = rows.filter((r) => r.split === "TEST");
  if (test.length) throw new Error(`test rows cannot be exemplars (they are kept for final metrics): ${test.map((r) => r.externalId).join(", ")}`);
  const data = { keywords: info.keywords, rules: info.rules, exemplars: info.exemplars.map((e) => ({ rowId: e.rowId, label: e.label })) };
  await db.promptSettings.upsert({ where: { projectId }, create: { projectId, ...data }, update: data });
  return getSupplementaryInfo(db, projectId);
}

/** One row of a search over a dataset, for picking exemplars. */
export interface RowSearchHit {
  readonly id: string;
  readonly index: number;
  readonly externalId: string;
  readonly fields: Record<string, unknown>;
  readonly split: Split;
  /** Gold only for dev rows: train gold never reaches prompts, test gold is kept for final metrics. */
  readonly devGold: number | null;
}

/**
 * A page of rows whose fields contain `query` (case-insensitive), in index order, keyset-paged
 * by `afterIndex` so deep pages cost the same as the first; test rows are excluded.
 *
 * @example
 * const { rows, nextAfterIndex } = await searchRows(prisma, datasetId, { query: "prize", limit: 20 });
 */
export async function searchRows(
  db: Db,
  datasetId: string,
  o: { query: string; afterIndex?: number; limit: number; split?: "TRAIN" | "DEV" },
): Promise<{ rows: RowSearchHit[]; nextAfterIndex: number | null }> {
  if (!Number.isInteger(o.limit) || o.limit < 1 || o.limit > 100) throw new Error(`limit must be 1..100, got ${o.limit}`);
  const pattern = `%${o.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const after = o.afterIndex ?? -1;
  const splits = o.split ? [o.split] : ["TRAIN", "DEV"];
  const found = await db.$queryRaw<{ id: string; index: number; externalId: string; fields: unknown; split: Split; gold: number | null }[]>`
    SELECT "id", "index", "externalId", "fields", "split", "gold" FROM "Row"
    WHERE "datasetId" = ${datasetId} AND "index" > ${after} AND "split"::text = ANY(${splits})
      AND (${o.query} = '' OR "fields"::text ILIKE ${pattern})
    ORDER BY "index" LIMIT ${o.limit + 1}`;
  const rows = found.slice(0, o.limit).map((r) => ({
    id: r.id,
    index: r.index,
    externalId: r.externalId,
    fields: (r.fields ?? {}) as Record<string, unknown>,
    split: r.split,
    devGold: r.split === "DEV" ? r.gold : null,
  }));
  return { rows, nextAfterIndex: found.length > o.limit ? rows.at(-1)!.index : null };
}

/**
 * The picked exemplar rows with their fields, in the order they were picked (rows deleted since are skipped).
 *
 * @example
 * const rows = await readExemplarRows(prisma, projectId, info.exemplars);
 */
export async function readExemplarRows(db: Db, projectId: string, exemplars: readonly PickedExemplar[]) {
  if (exemplars.length === 0) return [];
  const rows = await db.row.findMany({
    where: { id: { in: exemplars.map((e) => e.rowId) }, dataset: { projectId } },
    select: { id: true, externalId: true, fields: true, split: true },
  });
  return exemplars.flatMap((e) => {
    const row = rows.find((r) => r.id === e.rowId);
    return row ? [{ rowId: row.id, externalId: row.externalId, fields: (row.fields ?? {}) as Record<string, unknown>, split: row.split, label: e.label }] : [];
  });
}

const MAX_DOCUMENT_CHUNKS = 2000;

/**
 * Stores an uploaded text document with its chunks (chunked by the caller with the engine's `chunkDocument`).
 *
 * @example
 * await addTaskDocument(prisma, { projectId, name: "guide.md", bytes: 1200, chunks: chunkDocument(text, "guide.md").map((c) => c.text), actorId });
 */
export async function addTaskDocument(db: Db, o: { projectId: string; name: string; bytes: number; chunks: readonly string[]; actorId: string | null }) {
  if (o.chunks.length === 0) throw new Error(`document "${o.name}" has no text to retrieve from`);
  if (o.chunks.length > MAX_DOCUMENT_CHUNKS)
    throw new Error(`document "${o.name}" makes ${o.chunks.length} chunks; at most ${MAX_DOCUMENT_CHUNKS} (split it or trim it)`);
  return db.taskDocument.create({
    data: {
      projectId: o.projectId,
      name: o.name,
      bytes: o.bytes,
      createdById: o.actorId,
      chunks: { create: o.chunks.map((text, position) => ({ position, text })) },
    },
    select: { id: true, name: true, bytes: true, createdAt: true },
  });
}

/** The project's documents (no text), newest first, with their chunk counts. */
export async function listTaskDocuments(db: Db, projectId: string) {
  const docs = await db.taskDocument.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, bytes: true, createdAt: true, _count: { select: { chunks: true } } },
  });
  return docs.map((d) => ({ id: d.id, name: d.name, bytes: d.bytes, createdAt: d.createdAt, chunks: d._count.chunks }));
}

/** Deletes one of the project's documents; false when it was not there. */
export async function deleteTaskDocument(db: Db, projectId: string, documentId: string): Promise<boolean> {
  const { count } = await db.taskDocument.deleteMany({ where: { id: documentId, projectId } });
  return count > 0;
}

/**
 * Every chunk of the project's documents as retrieval passages (`id` = "<name>#<position>").
 *
 * @example
 * const passages = await readTaskPassages(prisma, projectId); // [{ id: "guide.md#0", source: "guide.md", text }]
 */
export async function readTaskPassages(db: Db, projectId: string): Promise<{ id: string; source: string; text: string }[]> {
  const chunks = await db.taskDocumentChunk.findMany({
    where: { document: { projectId } },
    orderBy: [{ document: { createdAt: "asc" } }, { position: "asc" }],
    select: { position: true, text: true, document: { select: { name: true } } },
  });
  return chunks.map((c) => ({ id: `${c.document.name}#${c.position}`, source: c.document.name, text: c.text }));
}
