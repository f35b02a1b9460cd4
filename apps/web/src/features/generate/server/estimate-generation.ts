import "server-only";
import {
  DEFAULT_TEMPLATE,
  estimateGenerationCost,
  previewProgramPrompt,
  priceFor,
  promptExtras,
  zeroShotPrompt,
  callCostUsd,
  type DataRow,
  type GenerationCostEstimate,
  type InfoKind,
  type TaskSpec,
} from "@alchemist/engine";
import {
  type Db,
  findProjectTask,
  getLatestDataset,
  getPromptTemplate,
  getSupplementaryInfo,
  readExemplarRows,
  readTaskPassages,
  sumLlmCalls,
  toDataRow,
  toTaskSpec,
  zeroShotTokenSum,
} from "@alchemist/db";
import { AppError } from "../../../lib/app-error";
import type { GenerateInput } from "./generate-input";

/** The model the zero-shot comparison is priced with for the free builtin synthesizer (the worker does the same). */
export const BUILTIN_COMPARISON_MODEL = "gpt-4o-mini";
const SEED = 42;

export interface GenerationEstimateView {
  readonly programs: GenerationCostEstimate;
  readonly zeroShot: { readonly model: string; readonly rows: number; readonly inputTokens: number; readonly outputTokens: number; readonly costUsd: number };
  /** Whether the model is in the price table (unknown models are priced at $0). */
  readonly priced: boolean;
  readonly spentUsd: number;
  readonly projectBudgetUsd: number | null;
  /** Stage-1 requests generation will send first (kinds without local info). */
  readonly stage1Kinds: readonly InfoKind[];
}

/**
 * Prices a generation request before anything is spent: the exact prompts each program slot
 * would get (task page info, documents, template, seeded exemplars) through the engine's
 * `estimateGenerationCost`, next to labeling every row zero-shot with the same model (token sums
 * computed in Postgres; no rows loaded except the dev exemplar pool when "examples" samples it).
 *
 * @example
 * const estimate = await estimateGenerationForProject(prisma, input);
 */
export async function estimateGenerationForProject(db: Db, input: GenerateInput): Promise<GenerationEstimateView> {
  const taskRow = await findProjectTask(db, input.projectId);
  if (!taskRow) throw new AppError("BAD_REQUEST", "Define and save the task first");
  const task: TaskSpec = toTaskSpec(taskRow);
  const dataset = await getLatestDataset(db, input.projectId);
  if (!dataset || dataset.rowCount === 0) throw new AppError("BAD_REQUEST", "Import a dataset first: programs are validated on its rows");
  const [info, template, passages, spent, project] = await Promise.all([
    getSupplementaryInfo(db, input.projectId),
    getPromptTemplate(db, input.projectId),
    readTaskPassages(db, input.projectId),
    sumLlmCalls(db, { projectId: input.projectId }),
    db.project.findUnique({ where: { id: input.projectId }, select: { llmBudgetUsd: true } }),
  ]);
  const extras = promptExtras({
    task,
    keywords: info.keywords,
    rules: info.rules,
    exemplars: await readExemplarRows(db, input.projectId, info.exemplars),
    passages,
    template,
  });
  const kinds: (InfoKind | null)[] = input.infoKinds.length ? [...input.infoKinds] : [null];
  let pool: DataRow[] = [];
  if (kinds.includes("examples") && !extras.userInfo.examples) {
    // The estimate re-runs on every form edit: only exemplar lengths matter here, so the first
    // 2,000 labeled dev rows stand in for the pool (the preview and the job use all of them).
    const dev = await db.row.findMany({
      where: { datasetId: dataset.id, split: "DEV", gold: { not: null } },
      orderBy: { index: "asc" },
      take: 2000,
      select: { externalId: true, fields: true, split: true, gold: true },
    });
    pool = dev.map(toDataRow);
  }
  const model = input.provider === "builtin" ? BUILTIN_COMPARISON_MODEL : input.model;
  const prompts: { system: string; user: string }[] = [];
  const stage1 = new Map<InfoKind, string>();
  for (let slot = 0; slot < input.n; slot++) {
    const p = previewProgramPrompt({ task, language: input.language, kind: kinds[slot % kinds.length]!, slot, seed: SEED, rows: pool, ...extras });
    prompts.push(p);
    if (p.stage1) stage1.set(p.stage1.kind, p.stage1.prompt);
  }
  const programs =
    input.provider === "builtin"
      ? {
          expected: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
          atMost: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
          tokenizer: "chars/4" as const,
        }
      : estimateGenerationCost({ prompts, stage1: [...stage1.values()], model, maxTokens: input.maxTokens, repairRounds: input.repairRounds });
  const fields = Array.isArray(task.input) ? [...task.input] : [task.input as string];
  const fixedChars = zeroShotPrompt(task, "", extras.template.zeroShot ?? DEFAULT_TEMPLATE.zeroShot).length;
  const sums = await zeroShotTokenSum(db, dataset.id, { fields, fixedChars });
  // the engine's estimateZeroShotCost books 2 output tokens per row (a class name)
  const outputTokens = sums.rows * 2;
  return {
    programs,
    zeroShot: { model, rows: sums.rows, inputTokens: sums.inputTokens, outputTokens, costUsd: callCostUsd(model, sums.inputTokens, outputTokens) },
    priced: priceFor(model) !== undefined,
    spentUsd: spent.costUsd,
    projectBudgetUsd: project?.llmBudgetUsd ?? null,
    stage1Kinds: [...stage1.keys()],
  };
}
