import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import {
  builtinGeneration,
  chunkDocument,
  EngineError,
  generatePrograms,
  INFO_KINDS,
  type Dataset,
  type GenerateOptions,
  type GenerationResult,
  type InfoKind,
  type Passage,
  type ProgramLanguage,
  type ProgramRunner,
  type TaskSpec,
} from "@alchemist/engine";
import type { LlmFlags } from "./llm-options";
import { readPromptTemplate } from "./read-prompt-template";
import type { ResolvedLlm } from "./make-provider";

async function readInfoFile(file: string): Promise<Partial<Record<InfoKind, string>>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new EngineError("INVALID_ARGUMENT", `${file}: cannot read the info file as JSON (${(error as Error).message})`);
  }
  const out: Partial<Record<InfoKind, string>> = {};
  for (const [kind, text] of Object.entries(value as Record<string, unknown>)) {
    if (!INFO_KINDS.includes(kind as InfoKind))
      throw new EngineError("INVALID_ARGUMENT", `${file}: unknown info kind "${kind}" (known: ${INFO_KINDS.join(", ")})`);
    out[kind as InfoKind] = Array.isArray(text) ? text.join("\n") : String(text);
  }
  return out;
}

async function readDocs(dir: string): Promise<Passage[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new EngineError("INVALID_ARGUMENT", `${dir}: cannot read the documents folder (${error.code ?? error.message})`);
  });
  const files = names.filter((n) => [".txt", ".md", ".markdown", ".csv", ".json"].includes(extname(n).toLowerCase())).sort();
  if (files.length === 0) throw new EngineError("INVALID_ARGUMENT", `${dir}: no .txt or .md documents for retrieval`);
  const passages: Passage[] = [];
  for (const f of files) passages.push(...chunkDocument(await readFile(join(dir, f), "utf8"), f));
  return passages;
}

/**
 * Program generation for the CLI: the builtin synthesizer, or the LLM with the flags' prompt
 * mix, validation thresholds, repairs and budget.
 *
 * @example
 * const result = await generateForCli({ llm, flags, task, dataset, runner, language: "python", seed: 42 });
 */
export async function generateForCli(o: {
  llm: ResolvedLlm;
  flags: LlmFlags;
  task: TaskSpec;
  dataset: Dataset;
  runner: ProgramRunner;
  language: ProgramLanguage;
  seed: number;
  signal?: AbortSignal;
  /** Image tasks: the concepts; programs then read `{concept: score}` records (the score prompt). */
  concepts?: readonly string[];
  onStep?: (text: string) => void;
  /** Rounds and self-consistency: completions per prompt, aimed context, program name prefix. */
  extra?: Pick<GenerateOptions, "completions" | "focus" | "namePrefix">;
}): Promise<GenerationResult> {
  const { llm, flags } = o;
  if (llm.kind === "builtin" || !llm.provider) {
    o.onStep?.(`synthesizing programs (builtin, no LLM) from ${flags.seedSize} labeled dev rows`);
    return builtinGeneration({ task: o.task, rows: o.dataset.rows, language: o.language, seedSize: flags.seedSize, seed: o.seed, maxPrograms: flags.n });
  }
  const userInfo = flags.infoFile ? await readInfoFile(flags.infoFile) : undefined;
  const documents = flags.docs ? await readDocs(flags.docs) : undefined;
  const template = flags.promptTemplate ? await readPromptTemplate(flags.promptTemplate) : undefined;
  if (flags.info?.includes("retrieval") && !documents) throw new EngineError("INVALID_ARGUMENT", "--info retrieval needs --docs DIR with your documents");
  const completions = o.extra?.completions ?? 1;
  o.onStep?.(
    `generating ${flags.n} programs${completions > 1 ? ` x ${completions} completions` : ""}${o.extra?.namePrefix ? ` (${o.extra.namePrefix.replace(/_$/, "").replace(/^r/, "round ")}, aimed at weak spots)` : ""} with ${llm.kind} ${llm.model}`,
  );
  return generatePrograms({
    task: o.task,
    rows: o.dataset.rows,
    provider: llm.provider,
    model: llm.model,
    runner: o.runner,
    ledger: llm.ledger,
    n: flags.n,
    language: o.language,
    temperatures: flags.temperature,
    infoKinds: flags.info ?? [],
    repairRounds: flags.repairRounds,
    exemplarsPerClass: flags.exemplars,
    validation: {
      minCoverage: flags.minCoverage,
      maxFaultRate: flags.maxFaultRate,
      ...(flags.minDevAccuracy !== undefined ? { minDevAccuracy: flags.minDevAccuracy } : {}),
    },
    maxTokens: flags.maxTokens,
    concurrency: flags.concurrency,
    seed: o.seed,
    ...(o.concepts ? { concepts: o.concepts } : {}),
    ...o.extra,
    ...(flags.twoStage ? { twoStage: true } : {}),
    ...(userInfo ? { userInfo } : {}),
    ...(documents ? { documents } : {}),
    ...(template ? { template } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    onProgress: ({ attempt }) =>
      o.onStep?.(
        `${attempt.id}: ${attempt.verdict?.ok ? "accepted" : `rejected (${attempt.verdict?.reason})`}, ${attempt.inputTokens}+${attempt.outputTokens} tokens, $${attempt.costUsd.toFixed(5)}${attempt.cached ? " (cached)" : ""}`,
      ),
  });
}
