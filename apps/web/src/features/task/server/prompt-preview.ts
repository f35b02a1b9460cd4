import "server-only";
import {
  buildProgramPrompt,
  INFO_KINDS,
  previewProgramPrompt,
  zeroShotPrompt,
  type DataRow,
  type InfoKind,
  type PromptTemplate,
  type TaskSpec,
} from "@alchemist/engine";
import {
  findProjectTask,
  getLatestDataset,
  getPrisma,
  getPromptTemplate,
  getSupplementaryInfo,
  readExemplarRows,
  readTaskPassages,
  type StoredPromptTemplate,
  toDataRow,
  toTaskSpec,
} from "@alchemist/db";
import { promptExtras } from "@alchemist/engine";
import { z } from "zod";
import { AppError } from "@/lib/app-error";

/** The seed generation uses unless a request sets another (GenerationParams.seed). */
export const DEFAULT_GENERATION_SEED = 42;

/**
 * The project's saved task as the engine's TaskSpec, or a clear error to define it first.
 *
 * @example
 * const task = await loadTaskSpec(projectId);
 */
export async function loadTaskSpec(projectId: string): Promise<TaskSpec> {
  const task = await findProjectTask(getPrisma(), projectId);
  if (!task) throw new AppError("BAD_REQUEST", "Define and save the task first");
  return toTaskSpec(task);
}

/**
 * Renders every part of a template against the project's task (both languages), so an unknown
 * placeholder is refused with its name before it is saved.
 *
 * @example
 * await validateTemplate(projectId, { mission: "Write {language} code to {task}" });
 */
export async function validateTemplate(projectId: string, template: Partial<PromptTemplate>): Promise<void> {
  const task = await loadTaskSpec(projectId);
  // An EngineError (unknown placeholder...) is a 400 at the edge (lib/known-error.ts).
  for (const language of ["python", "javascript"] as const) buildProgramPrompt({ task: { ...task, language }, language, supplementary: [], template });
  if (template.zeroShot) zeroShotPrompt(task, "example", template.zeroShot);
}

/** Dev rows with gold, in dataset order: the pool generation samples exemplars from (the only labels prompts may see). */
async function exemplarPool(projectId: string): Promise<DataRow[]> {
  const db = getPrisma();
  const dataset = await getLatestDataset(db, projectId);
  if (!dataset) return [];
  const rows = await db.row.findMany({
    where: { datasetId: dataset.id, split: "DEV", gold: { not: null } },
    orderBy: { index: "asc" },
    select: { externalId: true, fields: true, split: true, gold: true },
  });
  return rows.map(toDataRow);
}

export const PreviewPromptInput = z.object({
  projectId: z.string().min(1).max(100),
  kind: z.enum(["plain", ...INFO_KINDS] as [string, ...string[]]),
  slot: z.coerce.number().int().min(0).max(199),
  language: z.enum(["python", "javascript"]),
  exemplarsPerClass: z.coerce.number().int().min(1).max(20).default(3),
  /** An unsaved template from the editor; default: the saved one. */
  template: z.record(z.string(), z.string().max(20_000)).optional(),
});

/**
 * The exact prompt the generate job sends for one info kind and program slot, with the saved
 * supplementary info, documents and template (or an unsaved template being edited).
 *
 * @example
 * const { system, user, stage1 } = await previewPrompt({ projectId, kind: "keywords", slot: 0, language: "python", exemplarsPerClass: 3 });
 */
export async function previewPrompt(input: z.infer<typeof PreviewPromptInput>) {
  const db = getPrisma();
  const task = await loadTaskSpec(input.projectId);
  const [info, saved, passages] = await Promise.all([
    getSupplementaryInfo(db, input.projectId),
    getPromptTemplate(db, input.projectId),
    readTaskPassages(db, input.projectId),
  ]);
  const exemplars = await readExemplarRows(db, input.projectId, info.exemplars);
  const template: StoredPromptTemplate = input.template ? Object.fromEntries(Object.entries(input.template).filter(([, v]) => v.trim() !== "")) : saved;
  const extras = promptExtras({ task, keywords: info.keywords, rules: info.rules, exemplars, passages, template });
  const kind = input.kind === "plain" ? null : (input.kind as InfoKind);
  // only sampled exemplars need rows; picked ones are already in userInfo.examples
  const rows = kind === "examples" && !extras.userInfo.examples ? await exemplarPool(input.projectId) : [];
  const preview = previewProgramPrompt({
    task,
    language: input.language,
    kind,
    slot: input.slot,
    seed: DEFAULT_GENERATION_SEED,
    rows,
    ...extras,
    exemplarsPerClass: input.exemplarsPerClass,
  });
  return { system: preview.system, user: preview.user, stage1: preview.stage1?.prompt ?? null, sources: preview.supplementary.map((s) => s.source) };
}
