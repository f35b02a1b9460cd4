import type { LabelMatrix } from "../core/label-matrix";
import type { LabelModel } from "../core/label-model";
import { subsetRows } from "../core/subset-rows";
import { EngineError } from "../errors/engine-error";
import { LABEL_MODELS } from "./label-model-registry";
import { scoreLabelModel, type LabelModelScores } from "./score-label-model";

export interface SelectLabelModelOptions {
  readonly k: number;
  readonly classBalance?: Float64Array;
  readonly seed?: number;
  /** Model names to try (default: every registered model), e.g. ["mv", "dawid-skene"]. */
  readonly models?: readonly string[];
  readonly snorkelEpochs?: number;
}

export interface LabelModelCandidate {
  readonly name: string;
  /** Dev scores; null when the model could not be fitted (see `skipped`). */
  readonly dev: LabelModelScores | null;
  readonly fitMs: number;
  readonly skipped?: string;
  /** The fitted model (absent when skipped). */
  readonly model?: LabelModel;
}

export interface LabelModelSelection {
  readonly chosen: LabelModelCandidate & { readonly model: LabelModel; readonly dev: LabelModelScores };
  readonly candidates: readonly LabelModelCandidate[];
  /** One sentence saying why the chosen model won. */
  readonly reason: string;
}

const f = (x: number): string => x.toFixed(3);

/**
 * Fits every label model on the train votes (no gold), scores each on the dev rows with gold
 * (accuracy, F1, ECE, coverage) and picks the best dev F1; ties go to the higher accuracy, then to
 * the simpler model (registry order). Dev rows whose gold is -1 are ignored.
 *
 * @example
 * const { chosen, candidates, reason } = selectLabelModel(Ltrain, Ldev, devGold, { k: 2, classBalance });
 */
export function selectLabelModel(Ltrain: LabelMatrix, Ldev: LabelMatrix, devGold: ArrayLike<number>, options: SelectLabelModelOptions): LabelModelSelection {
  const { k, classBalance, seed = 0, models } = options;
  if (devGold.length !== Ldev.n) throw new EngineError("INVALID_ARGUMENT", `selectLabelModel: ${devGold.length} dev labels for ${Ldev.n} dev rows`);
  if (Ldev.m !== Ltrain.m) throw new EngineError("INVALID_ARGUMENT", `selectLabelModel: train has ${Ltrain.m} programs, dev ${Ldev.m}`);
  const known = Array.from({ length: Ldev.n }, (_, i) => i).filter((i) => devGold[i]! >= 0);
  if (known.length === 0) throw new EngineError("INVALID_ARGUMENT", `selectLabelModel: none of the ${Ldev.n} dev rows has a gold label`);
  const unknown = (models ?? []).filter((name) => !LABEL_MODELS.some((e) => e.name === name));
  if (unknown.length > 0)
    throw new EngineError("INVALID_ARGUMENT", `selectLabelModel: unknown model(s) ${unknown.join(", ")}; known: ${LABEL_MODELS.map((e) => e.name).join(", ")}`);
  const Lgold = subsetRows(Ldev, known);
  const gold = Int32Array.from(known, (i) => devGold[i]!);
  const candidates: LabelModelCandidate[] = LABEL_MODELS.filter((e) => !models || models.includes(e.name)).map((entry) => {
    if (Ltrain.m < entry.minPrograms)
      return { name: entry.name, dev: null, fitMs: 0, skipped: `needs at least ${entry.minPrograms} programs, got ${Ltrain.m}` };
    const t0 = performance.now();
    const model = entry.create(options.snorkelEpochs === undefined ? {} : { snorkelEpochs: options.snorkelEpochs });
    model.fit(Ltrain, { k, seed, ...(entry.usesClassBalance && classBalance ? { classBalance } : {}) });
    const fitMs = performance.now() - t0;
    return { name: entry.name, dev: scoreLabelModel(model.predictProba(Lgold), Lgold, gold), fitMs, model };
  });
  const ranked = candidates.filter((c): c is LabelModelSelection["chosen"] => c.dev !== null && c.model !== undefined);
  if (ranked.length === 0)
    throw new EngineError("INVALID_ARGUMENT", `selectLabelModel: no model could be fitted (${candidates.map((c) => `${c.name}: ${c.skipped}`).join("; ")})`);
  const order = [...ranked].sort((a, b) => b.dev.f1 - a.dev.f1 || b.dev.accuracy - a.dev.accuracy);
  const chosen = order[0]!;
  const runnerUp = order[1];
  const rows = `${known.length} dev rows with gold`;
  let reason: string;
  if (!runnerUp) reason = `${chosen.name} is the only model that could be fitted; dev F1 ${f(chosen.dev.f1)} on ${rows}.`;
  else if (chosen.dev.f1 > runnerUp.dev.f1)
    reason = `${chosen.name} has the best dev F1 (${f(chosen.dev.f1)} vs ${f(runnerUp.dev.f1)} for ${runnerUp.name}, the runner-up) on ${rows}.`;
  else if (chosen.dev.accuracy > runnerUp.dev.accuracy)
    reason = `${chosen.name} ties ${runnerUp.name} on dev F1 (${f(chosen.dev.f1)}) and has the higher dev accuracy (${f(chosen.dev.accuracy)} vs ${f(runnerUp.dev.accuracy)}) on ${rows}.`;
  else
    reason = `${chosen.name} ties ${runnerUp.name} on dev F1 (${f(chosen.dev.f1)}) and accuracy (${f(chosen.dev.accuracy)}) on ${rows}, and is the simpler model.`;
  return { chosen, candidates, reason };
}
