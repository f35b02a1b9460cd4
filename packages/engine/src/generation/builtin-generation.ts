import type { DataRow } from "../core/dataset";
import type { ProgramLanguage, TaskSpec } from "../core/task";
import { programInput } from "../datasets/program-input";
import { EngineError } from "../errors/engine-error";
import { seededShuffle } from "../random/seeded-shuffle";
import { synthesizePrograms } from "../synth/synthesize-programs";
import type { GenerationAttempt, GenerationResult } from "./generation-types";

const text = (row: DataRow, task: TaskSpec): string => {
  const input = programInput(row, task.input);
  return typeof input === "string" ? input : String(Object.values(input as Record<string, unknown>)[0] ?? "");
};

/**
 * The `builtin` provider: the built-in synthesizer (no API calls, $0) on `seedSize` labeled dev
 * rows and the train texts, returned in the same shape as an LLM generation.
 *
 * @example
 * const result = builtinGeneration({ task, rows: dataset.rows, language: "python", seedSize: 50, seed: 42 });
 */
export function builtinGeneration(o: {
  task: TaskSpec;
  rows: readonly DataRow[];
  language: ProgramLanguage;
  seedSize: number;
  seed: number;
  maxPrograms?: number;
}): GenerationResult {
  const dev = o.rows.filter((r) => r.split === "dev" && r.gold !== undefined && r.gold >= 0);
  if (dev.length < 2)
    throw new EngineError("INVALID_ARGUMENT", `the builtin generator needs >= 2 dev rows with gold labels for its seed set, found ${dev.length}`);
  const seedRows = seededShuffle(dev, o.seed).slice(0, o.seedSize);
  const programs = synthesizePrograms({
    task: o.task,
    seed: { texts: seedRows.map((r) => text(r, o.task)), labels: seedRows.map((r) => r.gold!) },
    unlabeled: o.rows.filter((r) => r.split === "train").map((r) => text(r, o.task)),
    language: o.language,
    rngSeed: o.seed,
    ...(o.maxPrograms !== undefined ? { maxPrograms: o.maxPrograms } : {}),
  });
  const attempts: GenerationAttempt[] = programs.map((p, slot) => ({
    id: `p${String(slot).padStart(2, "0")}-r0`,
    kind: "program",
    slot,
    round: 0,
    parent: null,
    author: "builtin",
    provider: "builtin",
    model: "synthesizer",
    params: { temperature: 0, maxTokens: 0, sampleIndex: slot },
    system: "",
    prompt: `synthesized from ${seedRows.length} labeled dev rows`,
    messages: 0,
    supplementary: [{ kind: "examples", title: "Labeled seed set", source: "dev-sample" }],
    response: p.source,
    raw: { description: p.description },
    code: p.source,
    fenced: false,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    cached: false,
    verdict: { ok: true },
  }));
  return {
    programs: programs.map((p, slot) => ({ ...p, attemptId: attempts[slot]!.id })),
    attempts,
    ledger: { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    failedSlots: 0,
  };
}
