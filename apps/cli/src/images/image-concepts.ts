import { readFile } from "node:fs/promises";
import {
  askImageConcepts,
  askRoboShotInsights,
  EngineError,
  parseInsights,
  type GenerationAttempt,
  type RoboShotInsights,
  type TaskSpec,
} from "@alchemist/engine";
import { loadConcepts } from "@alchemist/engine/node";
import type { ImageFlags } from "../image-options";
import type { ResolvedLlm } from "../llm/make-provider";
import type { Progress } from "../progress";

export interface ImageLlmInputs {
  readonly concepts: string[];
  readonly conceptSource: string;
  readonly insights: RoboShotInsights | null;
  readonly insightSource: string | null;
  /** The LLM calls made for them (booked on the run's ledger). */
  readonly attempts: GenerationAttempt[];
}

async function readInsights(file: string): Promise<RoboShotInsights> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new EngineError("INVALID_ARGUMENT", `${file}: cannot read the insights (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return parseInsights(text);
  } catch (error) {
    throw new EngineError("INVALID_ARGUMENT", `${file}: ${(error as Error).message.replace(/^the insight answer/, "the insights file")}`);
  }
}

/**
 * The concepts (`--concepts FILE`, else the LLM's answer to the concept prompt) and the RoboShot
 * insights (`--insights FILE`, or the LLM with `--roboshot`) of an image run.
 *
 * @example
 * const { concepts, insights } = await imageLlmInputs(flags, task, llm, progress, signal);
 */
export async function imageLlmInputs(
  flags: ImageFlags,
  task: TaskSpec,
  llm: ResolvedLlm | undefined,
  progress: Progress,
  signal?: AbortSignal,
): Promise<ImageLlmInputs> {
  const attempts: GenerationAttempt[] = [];
  const ask = llm?.provider ? { task, provider: llm.provider, model: llm.model, ledger: llm.ledger, ...(signal ? { signal } : {}) } : undefined;
  const by = llm ? `llm:${llm.kind}/${llm.model}` : "";
  let concepts: string[];
  let conceptSource: string;
  if (flags.concepts !== undefined) {
    concepts = await loadConcepts(flags.concepts);
    conceptSource = flags.concepts;
  } else if (ask) {
    progress.step(`asking ${by} for the visual concepts of ${task.classes.map((c) => c.name).join(", ")}`);
    const answer = await askImageConcepts(ask);
    attempts.push(answer.attempt);
    concepts = answer.concepts;
    conceptSource = by;
  } else {
    throw new EngineError("INVALID_ARGUMENT", "an image task needs concepts: --concepts FILE (one per line), or --provider to ask the LLM for them");
  }
  if (flags.insights !== undefined && flags.roboshot)
    throw new EngineError("INVALID_ARGUMENT", "--insights FILE and --roboshot both give the RoboShot insights; pick one");
  let insights: RoboShotInsights | null = null;
  let insightSource: string | null = null;
  if (flags.insights !== undefined) {
    insights = await readInsights(flags.insights);
    insightSource = flags.insights;
  } else if (flags.roboshot) {
    if (!ask) throw new EngineError("INVALID_ARGUMENT", "--roboshot asks the LLM for insights: name a --provider (or pass --insights FILE)");
    progress.step(`asking ${by} for RoboShot insights (harmful and helpful directions)`);
    const answer = await askRoboShotInsights(ask);
    attempts.push(answer.attempt);
    insights = answer.insights;
    insightSource = by;
  }
  return { concepts, conceptSource, insights, insightSource, attempts };
}
