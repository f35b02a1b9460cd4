import type { LabelModel } from "../core/label-model";
import { DawidSkene } from "./dawid-skene";
import { FlyingSquid } from "./flying-squid";
import { MajorityVote } from "./majority-vote";
import { SnorkelLabelModel } from "./snorkel-label-model";
import { WeightedMajorityVote } from "./weighted-majority-vote";

export interface LabelModelEntry {
  readonly name: string;
  /** Fewest programs the model can be fitted on (the triplet method needs 3). */
  readonly minPrograms: number;
  /** WRENCH's majority vote ignores the class balance (rows without votes are uniform). */
  readonly usesClassBalance: boolean;
  /** `snorkelEpochs`: Snorkel-style training epochs (default 300, as WRENCH's benchmark). */
  readonly create: (options: { readonly snorkelEpochs?: number }) => LabelModel;
}

/**
 * Every label model model selection tries, simplest first (ties in selection go to the earlier
 * entry). Adding a model is one entry here.
 *
 * @example
 * const model = LABEL_MODELS.find((e) => e.name === "dawid-skene")!.create({});
 */
export const LABEL_MODELS: readonly LabelModelEntry[] = [
  { name: "mv", minPrograms: 1, usesClassBalance: false, create: () => new MajorityVote() },
  { name: "wmv", minPrograms: 1, usesClassBalance: true, create: () => new WeightedMajorityVote() },
  { name: "dawid-skene", minPrograms: 1, usesClassBalance: false, create: () => new DawidSkene() },
  { name: "flyingsquid", minPrograms: 3, usesClassBalance: true, create: () => new FlyingSquid() },
  { name: "snorkel", minPrograms: 3, usesClassBalance: true, create: (o) => new SnorkelLabelModel({ epochs: o.snorkelEpochs ?? 300 }) },
];
