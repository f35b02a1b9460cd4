import { promptExtras, type PromptExtras, type TaskSpec } from "@alchemist/engine";
import { getPromptTemplate, getSupplementaryInfo, readExemplarRows, readTaskPassages, type Db } from "@alchemist/db";

/**
 * The task page's supplementary info (keywords, rules, picked exemplars, document chunks) and
 * edited prompt template, as generation options.
 *
 * @example
 * const { userInfo, documents, template } = await loadPromptExtras(prisma, projectId, task);
 */
export async function loadPromptExtras(db: Db, projectId: string, task: TaskSpec): Promise<PromptExtras> {
  const [info, template, passages] = await Promise.all([
    getSupplementaryInfo(db, projectId),
    getPromptTemplate(db, projectId),
    readTaskPassages(db, projectId),
  ]);
  const exemplars = await readExemplarRows(db, projectId, info.exemplars);
  return promptExtras({ task, keywords: info.keywords, rules: info.rules, exemplars, passages, template });
}
