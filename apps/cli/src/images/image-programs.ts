import {
  EngineError,
  seededShuffle,
  synthesizeScorePrograms,
  type ConceptScores,
  type GenerationResult,
  type Program,
  type ProgramRunner,
  type TaskSpec,
} from "@alchemist/engine";
import { loadPrograms, type ScoredImageDataset } from "@alchemist/engine/node";
import { generateForCli } from "../llm/cli-generation";
import type { LlmFlags } from "../llm/llm-options";
import type { ResolvedLlm } from "../llm/make-provider";
import { checkPrograms } from "../load-inputs";
import type { Progress } from "../progress";

export interface ImagePrograms {
  readonly programs: Program[];
  /** Set when the LLM wrote them. */
  readonly generation?: GenerationResult;
  readonly source: string;
}

/**
 * The labeling programs of an image run: `--programs DIR`, else the LLM through the generation
 * loop with the concepts (score prompt, validated and repaired in the sandbox on the rows' score
 * records), else the builtin score-rule synthesizer on a seed set of `--seed-size` dev rows.
 *
 * @example
 * const { programs } = await imagePrograms({ flags, task, scored, runner, llm, seed: 42, progress });
 */
export async function imagePrograms(o: {
  flags: LlmFlags & { readonly programs?: string };
  task: TaskSpec;
  scored: ScoredImageDataset;
  runner: ProgramRunner;
  llm?: ResolvedLlm;
  seed: number;
  progress: Progress;
  signal?: AbortSignal;
}): Promise<ImagePrograms> {
  const { flags, task, scored, runner, llm } = o;
  if (flags.programs !== undefined) {
    if (llm?.provider) throw new EngineError("INVALID_ARGUMENT", "--provider generates programs; drop --programs to use it (or --concepts and no --provider)");
    const programs = await loadPrograms(flags.programs, task);
    await checkPrograms(programs, runner, flags.programs);
    return { programs, source: flags.programs };
  }
  if (llm?.provider) {
    const generation = await generateForCli({
      llm,
      flags,
      task,
      dataset: scored.dataset,
      runner,
      language: task.language,
      seed: o.seed,
      concepts: scored.concepts,
      ...(o.signal ? { signal: o.signal } : {}),
      onStep: (t) => o.progress.step(t),
    });
    if (generation.programs.length === 0)
      throw new EngineError(
        "GENERATION_FAILED",
        `no generated program passed validation (${generation.attempts.length} attempts${generation.stoppedBy ? ", stopped by the budget" : ""})`,
      );
    return { programs: [...generation.programs], generation, source: `llm:${llm.kind}/${llm.model}` };
  }
  const dev = scored.dataset.rows.filter((row) => row.split === "dev" && row.gold !== undefined);
  if (dev.length < 2)
    throw new EngineError(
      "INVALID_ARGUMENT",
      `the builtin synthesizer needs labeled dev rows as its seed set, the data has ${dev.length}; pass --programs, or --provider for an LLM`,
    );
  const seedRows = seededShuffle(dev, o.seed).slice(0, Math.max(2, flags.seedSize));
  const scores = (rows: typeof dev): ConceptScores[] => rows.map((row) => row.fields.scores as ConceptScores);
  o.progress.step(`synthesizing score programs (builtin, no LLM) from ${seedRows.length} labeled dev rows`);
  const programs = synthesizeScorePrograms({
    task,
    concepts: scored.concepts,
    language: task.language,
    maxPrograms: flags.n,
    seed: { scores: scores(seedRows), labels: seedRows.map((row) => row.gold!) },
    unlabeled: scores(scored.dataset.rows.filter((row) => row.split === "train")),
  });
  if (programs.length === 0)
    throw new EngineError(
      "GENERATION_FAILED",
      `no score rule reached the synthesizer's precision and coverage on ${seedRows.length} seed rows; give better concepts, more dev rows, --programs or an LLM`,
    );
  return { programs, source: "builtin" };
}
