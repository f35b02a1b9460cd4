import type { generatePrograms, PromptExtras } from "@alchemist/engine";
import type { GenerationParams } from "@alchemist/jobs";

/** The generatePrograms options a stored generation request fixes for all of its calls. */
export type RequestGenerationOptions = Pick<
  Parameters<typeof generatePrograms>[0],
  "repairRounds" | "exemplarsPerClass" | "maxTokens" | "validation" | "userInfo" | "documents" | "template" | "concurrency"
>;

/**
 * What every generatePrograms call of a request shares (the generate job, each improvement round,
 * each sweep cell): its repair rounds, exemplars, token cap, validation thresholds and concurrency,
 * and the task page's prompt extras. Callers add what varies per call (temperatures, info kinds,
 * seed, focus).
 *
 * @example
 * const result = await generatePrograms({ task, rows, provider, model, runner, ledger, n, language, temperatures, infoKinds, seed, ...requestGenerationOptions(params, extras) });
 */
export function requestGenerationOptions(params: GenerationParams, extras: PromptExtras): RequestGenerationOptions {
  return {
    repairRounds: params.repairRounds,
    exemplarsPerClass: params.exemplarsPerClass,
    maxTokens: params.maxTokens,
    validation: {
      minCoverage: params.minCoverage,
      maxFaultRate: params.maxFaultRate,
      ...(params.minDevAccuracy !== undefined ? { minDevAccuracy: params.minDevAccuracy } : {}),
    },
    userInfo: extras.userInfo,
    documents: extras.documents,
    template: extras.template,
    concurrency: params.concurrency,
  };
}
