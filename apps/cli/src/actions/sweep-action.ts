import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  callCostUsd,
  EngineError,
  estimateZeroShotCost,
  evaluationSplit,
  sweepChartSvg,
  sweepGrid,
  type InfoKind,
  type SweepBaseline,
} from "@alchemist/engine";
import { createLocalRunner } from "@alchemist/engine/node";
import { progressFor, type CliContext } from "../cli-context";
import type { DataOptions } from "../data-options";
import { loadInputs } from "../load-inputs";
import { generateForCli } from "../llm/cli-generation";
import { zeroShotForCli } from "../llm/cli-zero-shot";
import type { LlmFlags } from "../llm/llm-options";
import { resolveLlm } from "../llm/make-provider";
import { runnerOptionsFrom, type RunnerFlags } from "../runner-options";
import { sweepTable } from "../sweep-table";
import { writeTextAtomic } from "../write-text-atomic";

export type SweepOptions = Omit<DataOptions, "programs"> &
  Omit<LlmFlags, "n" | "info" | "temperature"> &
  RunnerFlags & {
    programs: number[];
    info: string[];
    temperatures: number[];
    zeroShotSample: number | "all";
    zeroShot: boolean;
    out: string;
  };

const EXT = { python: "py", javascript: "js" } as const;

/**
 * What `alchemist sweep` does: for each (info kind, temperature) cell, generate the largest count
 * of programs once (answers cached under --out/llm-cache unless a cache dir is given, so a re-run
 * costs nothing), apply them, and score every prefix through the label model (dev chooses, test
 * reports) with what the prefix cost at list prices; then the zero-shot baseline, the table,
 * sweep.json, sweep.csv and sweep.svg.
 *
 * @example
 * await sweepAction({ ...flags, programs: [1, 2, 5], info: ["none", "keywords"], temperatures: [0.3, 1], out: "sweep/" }, ctx);
 */
export async function sweepAction(options: SweepOptions, ctx: CliContext): Promise<void> {
  const runner = createLocalRunner(runnerOptionsFrom(options));
  const progress = progressFor(ctx);
  try {
    const { task, dataset } = await loadInputs({ ...options, programs: undefined }, runner, { generating: true });
    const cacheDir = options.cacheDir ?? ctx.env.ALCHEMIST_LLM_CACHE_DIR ?? join(options.out, "llm-cache");
    const max = Math.max(...options.programs);
    const { info: _grid, ...shared } = options;
    const flagsFor = (info: string, temperature: number): LlmFlags => ({
      ...shared,
      cacheDir,
      n: max,
      temperature: [temperature],
      ...(info === "none" ? {} : { info: [info as InfoKind] }),
    });
    const llm = await resolveLlm(flagsFor("none", 0.7), ctx.env, options.seed);
    if (!llm.provider)
      throw new EngineError(
        "INVALID_ARGUMENT",
        "sweep compares LLM-written programs: name a provider (--provider openai|anthropic|openai-compatible|replay or ALCHEMIST_LLM_PROVIDER)",
      );
    const split = evaluationSplit(
      dataset.rows.map((r) => r.split),
      dataset.rows.map((r) => r.gold),
    );
    await mkdir(join(options.out, "programs"), { recursive: true });
    const { cells, points } = await sweepGrid({
      task,
      rows: dataset.rows,
      split,
      runner,
      seed: options.seed,
      signal: ctx.signal,
      grid: { programs: options.programs, info: options.info, temperatures: options.temperatures },
      costOf: (a) => callCostUsd(a.model, a.inputTokens, a.outputTokens, llm.prices),
      generate: async ({ info, temperature }) => {
        progress.step(`sweep cell info=${info} temperature=${temperature}: ${max} programs`);
        const generation = await generateForCli({
          llm,
          flags: flagsFor(info, temperature),
          task,
          dataset,
          runner,
          language: task.language,
          seed: options.seed,
          signal: ctx.signal,
          onStep: (t) => progress.step(t),
        });
        const folder = join(options.out, "programs", `${info}-t${temperature}`);
        await rm(folder, { recursive: true, force: true });
        await mkdir(folder, { recursive: true });
        for (const p of generation.programs) await writeFile(join(folder, `${p.name}.${EXT[p.language]}`), p.source);
        return generation;
      },
    });
    const estimate = estimateZeroShotCost({ task, rows: dataset.rows, model: llm.model, prices: llm.prices });
    let baseline: SweepBaseline & { rows?: number; sampleCostUsd?: number } = { name: "zero-shot", f1: null, costUsd: estimate.costUsd };
    if (options.zeroShot) {
      const z = await zeroShotForCli({
        llm,
        task,
        dataset,
        sample: options.zeroShotSample,
        seed: options.seed,
        concurrency: options.concurrency,
        signal: ctx.signal,
        onStep: (t) => progress.step(t),
      });
      if (z) baseline = { ...baseline, f1: z.summary.test.f1, rows: z.summary.rows, sampleCostUsd: z.summary.costUsd };
    }
    progress.stop();
    const table = sweepTable(points);
    const ledger = llm.ledger.totals();
    const grid = {
      programs: options.programs,
      info: options.info,
      temperatures: options.temperatures,
      model: llm.model,
      provider: llm.kind,
      pricesAsOf: llm.prices.asOf,
    };
    await writeTextAtomic(
      join(options.out, "sweep.json"),
      `${JSON.stringify({ grid, cells, points, baseline, zeroShotEstimate: estimate, ledger }, null, 2)}\n`,
    );
    await writeTextAtomic(join(options.out, "sweep.csv"), table.csv);
    await writeTextAtomic(join(options.out, "sweep.svg"), `${sweepChartSvg(points, baseline)}\n`);
    process.stdout.write(table.text);
    const f = (x: number | null): string => (x === null ? "-" : x.toFixed(3));
    process.stdout.write(
      `zero-shot baseline: test F1 ${f(baseline.f1)}${baseline.rows ? ` on ${baseline.rows} test rows` : ""}; labeling all ${dataset.rows.length} rows would cost ~$${estimate.costUsd.toFixed(4)}\n`,
    );
    process.stdout.write(`LLM calls this sweep: ${ledger.calls} (${ledger.cachedCalls} from the cache), $${ledger.costUsd.toFixed(4)}\n`);
    process.stdout.write(`wrote ${options.out}/ (sweep.json, sweep.csv, sweep.svg, programs/)\n`);
  } finally {
    progress.stop();
    await runner.close();
  }
}
