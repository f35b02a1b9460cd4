import { stat } from "node:fs/promises";
import type { Dataset, LabelMatrix, Program, ProgramRunner, TaskSpec } from "@alchemist/engine";
import { EngineError } from "@alchemist/engine";
import { loadDataset, loadPrograms, loadTaskSpec, looksLikeLabelStudio, readWrench } from "@alchemist/engine/node";
import type { DataOptions } from "./data-options";
import { dataReading } from "./reading-options";
import { wrenchTask } from "./wrench-task";

/**
 * Loads the task, the programs (statically checked by the runner) and the dataset named by the flags.
 *
 * @example
 * const { task, programs, dataset } = await loadInputs(options, runner);
 */
export async function loadInputs(
  options: DataOptions,
  runner: ProgramRunner,
  { requirePrograms = false, generating = false } = {},
): Promise<{ task: TaskSpec; programs: Program[]; dataset: Dataset; votes?: { names: string[]; L: LabelMatrix } }> {
  const isDir = await stat(options.data).then(
    (s) => s.isDirectory(),
    () => false,
  );
  let wrench: Dataset | undefined;
  let task: TaskSpec;
  if (options.task === undefined) {
    if (!isDir) throw new EngineError("INVALID_ARGUMENT", `--task is required unless --data is a WRENCH folder (${options.data} is not a folder)`);
    wrench = await readWrench(options.data);
    task = wrenchTask(wrench, options.data);
  } else {
    task = await loadTaskSpec(options.task);
  }
  const needsPrograms = options.programs === undefined && !generating;
  const mayCarryVotes = isDir || task.data?.format === "label-studio" || (await looksLikeLabelStudio(options.data));
  if (needsPrograms && (requirePrograms || !mayCarryVotes))
    throw new EngineError(
      "INVALID_ARGUMENT",
      "--programs is required unless --data is a WRENCH folder with weak_labels or a Label Studio export with predictions",
    );
  const programs = options.programs === undefined ? [] : await loadPrograms(options.programs, task);
  const { mapping, load } = dataReading(options, task);
  const dataset = wrench ?? (await loadDataset(options.data, { mapping, classNames: task.classes.map((c) => c.name), seed: options.seed, ...load }));
  await checkPrograms(programs, runner, options.programs ?? "");
  if (needsPrograms) {
    // A WRENCH folder's weak_labels or a Label Studio export's predictions stand in for programs.
    if (!dataset.importedVotes)
      throw new EngineError(
        "INVALID_ARGUMENT",
        isDir
          ? `${options.data}: the WRENCH files have no weak_labels; pass --programs`
          : "--programs is required unless --data is a WRENCH folder with weak_labels or a Label Studio export with predictions",
      );
    return { task, programs, dataset, votes: { names: [...dataset.importedVotes.names], L: dataset.importedVotes.L } };
  }
  return { task, programs, dataset };
}

/**
 * Runs the sandbox's static check on every program; the first failure is a PROGRAM_INVALID error
 * naming the file and line.
 *
 * @example
 * await checkPrograms(await loadPrograms("programs/", task), runner, "programs/");
 */
export async function checkPrograms(programs: readonly Program[], runner: ProgramRunner, folder: string): Promise<void> {
  for (const program of programs) {
    const check = await runner.check(program);
    const first = check.errors[0];
    if (!check.ok) {
      const where = first?.line !== undefined ? ` line ${first.line}` : "";
      throw new EngineError(
        "PROGRAM_INVALID",
        `${folder}/${program.name}.${program.language === "python" ? "py" : "js"}${where}: ${first?.message ?? "failed the static check"}`,
      );
    }
  }
}
