import { EngineError } from "../errors/engine-error";

export interface MlpClassifierOptions {
  readonly inputSize: number;
  readonly k: number;
  readonly hidden?: readonly number[];
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly seed?: number;
  readonly patience?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/**
 * Fills MlpClassifier defaults and rejects impossible settings.
 *
 * @example
 * checkMlpOptions({ inputSize: 1000, k: 2 }).batchSize; // 64
 */
export function checkMlpOptions(options: MlpClassifierOptions): Required<MlpClassifierOptions> {
  const full: Required<MlpClassifierOptions> = {
    hidden: [32, 32],
    epochs: 20,
    batchSize: 64,
    learningRate: 1e-3,
    seed: 0,
    patience: 3,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-7,
    ...options,
  };
  const positiveInts: [string, number][] = [
    ["inputSize", full.inputSize],
    ["epochs", full.epochs],
    ["batchSize", full.batchSize],
    ["patience", full.patience],
  ];
  full.hidden.forEach((size, l) => positiveInts.push([`hidden[${l}]`, size]));
  for (const [name, value] of positiveInts) {
    if (!Number.isInteger(value) || value < 1) throw new EngineError("INVALID_ARGUMENT", `MlpClassifier: ${name} must be a positive integer, got ${value}`);
  }
  if (!Number.isInteger(full.k) || full.k < 2) throw new EngineError("INVALID_ARGUMENT", `MlpClassifier: k must be an integer >= 2, got ${full.k}`);
  if (!Number.isInteger(full.seed)) throw new EngineError("INVALID_ARGUMENT", `MlpClassifier: seed must be an integer, got ${full.seed}`);
  if (!(full.learningRate > 0)) throw new EngineError("INVALID_ARGUMENT", `MlpClassifier: learningRate must be > 0, got ${full.learningRate}`);
  for (const [name, beta] of [
    ["beta1", full.beta1],
    ["beta2", full.beta2],
  ] as const) {
    if (!(beta >= 0 && beta < 1)) throw new EngineError("INVALID_ARGUMENT", `MlpClassifier: ${name} must be in [0, 1), got ${beta}`);
  }
  return { ...full, hidden: [...full.hidden] };
}
