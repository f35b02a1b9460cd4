import { basename, dirname, extname, join } from "node:path";
import { ABSTAIN, applyInMemory, chooseLabelModel, evaluationSplit, labelStudioConfig, labelStudioNames, labelStudioTask } from "@alchemist/engine";
import { createLocalRunner } from "@alchemist/engine/node";
import { progressFor, type CliContext } from "../cli-context";
import type { DataOptions } from "../data-options";
import { loadInputs } from "../load-inputs";
import { runnerOptionsFrom, type RunnerFlags } from "../runner-options";
import { writeTextAtomic } from "../write-text-atomic";

export type ExportOptions = DataOptions & RunnerFlags & { format: "label-studio"; out: string; config?: string; fromName?: string; toName?: string };

/** `tasks.json` -> `tasks.config.xml`, beside it. */
const configPathFor = (out: string): string => join(dirname(out), `${basename(out, extname(out))}.config.xml`);

/**
 * What `alchemist export --format label-studio` does once its flags are parsed: the votes (programs
 * applied in the sandbox, or the data's own), the label model chosen as `alchemist run` chooses it,
 * then every row as a Label Studio task and the matching labeling config, each written whole or not at all.
 *
 * @example
 * await exportAction({ format: "label-studio", data: "d.csv", task: "t.yaml", programs: "p/", out: "tasks.json", seed: 42 }, ctx);
 */
export async function exportAction(options: ExportOptions, ctx: CliContext): Promise<void> {
  const runner = createLocalRunner(runnerOptionsFrom(options));
  const progress = progressFor(ctx);
  try {
    const { task, programs, dataset, votes } = await loadInputs(options, runner);
    const rows = dataset.rows;
    const classNames = task.classes.map((c) => c.name);
    const k = classNames.length;
    const applied = votes ?? {
      names: programs.map((p) => p.name),
      L: (await applyInMemory({ runner, task, rows, programs, signal: ctx.signal, onProgress: (p) => progress.onStage({ stage: "apply", ...p }) })).L,
    };
    progress.onStage({ stage: "label-model", done: 0, total: 1 });
    const split = evaluationSplit(
      rows.map((r) => r.split),
      rows.map((r) => r.gold),
    );
    const lm = chooseLabelModel(applied.L, split, { k, seed: options.seed });
    progress.onStage({ stage: "label-model", done: 1, total: 1 });
    const names = labelStudioNames(task, {
      ...(options.fromName ? { fromName: options.fromName } : {}),
      ...(options.toName ? { toName: options.toName } : {}),
    });
    const { L } = applied;
    const lines = rows.map((row, i) => {
      const rowVotes = L.values.subarray(i * L.m, (i + 1) * L.m);
      const probs = lm.proba.values.subarray(i * k, (i + 1) * k);
      const covered = rowVotes.some((v) => v !== ABSTAIN);
      const best = covered ? probs.indexOf(Math.max(...probs)) : ABSTAIN;
      return JSON.stringify(
        labelStudioTask(row, {
          classNames,
          names,
          programs: applied.names,
          votes: rowVotes,
          labelModel: { label: best, score: best === ABSTAIN ? 0 : probs[best]! },
        }),
      );
    });
    progress.stop();
    const config = options.config ?? configPathFor(options.out);
    await writeTextAtomic(config, labelStudioConfig({ classNames, inputs: task.input, names }));
    await writeTextAtomic(options.out, `[\n${lines.join(",\n")}\n]\n`);
    process.stdout.write(
      `wrote ${options.out}: ${rows.length} tasks, ${rows.filter((r) => r.gold !== undefined).length} with gold, predictions of ${applied.names.length} programs + the label model (${lm.name})\n`,
    );
    process.stdout.write(
      `wrote ${config}: the labeling config (<Choices name="${names.fromName}" toName="${names.toName}">); paste it under Settings > Labeling Interface > Code before importing the tasks\n`,
    );
  } finally {
    progress.stop();
    await runner.close();
  }
}
