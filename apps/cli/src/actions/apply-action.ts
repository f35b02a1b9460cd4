import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { EngineError, programInput, recordProgramInputs, type ApplyStreamResult, type Program, type ProgramRunner, type TaskSpec } from "@alchemist/engine";
import { createLocalRunner, headerHint, loadPrograms, loadTaskSpec, looksLikeLabelStudio, readRecordBatches } from "@alchemist/engine/node";
import { progressFor, type CliContext } from "../cli-context";
import type { DataOptions } from "../data-options";
import { LabelMatrixJsonWriter } from "../label-matrix-json-writer";
import { checkPrograms, loadInputs } from "../load-inputs";
import { dataReading } from "../reading-options";
import { runnerOptionsFrom, type RunnerFlags } from "../runner-options";

export type ApplyOptions = DataOptions & RunnerFlags & { out: string };

/** Lines in a file, counted in large blocks: the progress bar's total before any row is parsed. */
async function countLines(path: string): Promise<number> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let lines = 0;
    let last = 10;
    for (let read = 1; read > 0;) {
      ({ bytesRead: read } = await handle.read(buffer, 0, buffer.length, null));
      for (let at = buffer.indexOf(10, 0); at >= 0 && at < read; at = buffer.indexOf(10, at + 1)) lines++;
      if (read > 0) last = buffer[read - 1]!;
    }
    return lines + (last === 10 ? 0 : 1);
  } finally {
    await handle.close();
  }
}

/** The task's program inputs, a batch of rows at a time, with the readers' and loadDataset's errors. */
async function* inputBatches(options: ApplyOptions, task: TaskSpec): AsyncGenerator<unknown[]> {
  let first = true;
  const { mapping, load, headerless } = dataReading(options, task);
  const { format, columns, header, delimiter, encoding } = load;
  const reading = {
    ...(format !== undefined && format !== "wrench" && format !== "label-studio" ? { format } : {}),
    ...(columns ? { columns } : {}),
    ...(header !== undefined ? { header } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(encoding ? { encoding } : {}),
  };
  try {
    for await (const records of readRecordBatches(options.data, reading)) {
      yield recordProgramInputs(records, task.input, options.data, first);
      first = false;
    }
  } catch (error) {
    const delimited = format === undefined ? ![".jsonl", ".json"].includes(extname(options.data).toLowerCase()) : format !== "jsonl";
    if (error instanceof EngineError && error.code === "FIELD_NOT_FOUND" && delimited && !headerless && error.details.line === undefined) {
      throw new EngineError(
        "FIELD_NOT_FOUND",
        error.message + (await headerHint(options.data, { ...(delimiter ? { delimiter } : {}), ...(encoding ? { encoding } : {}) }, mapping)),
        error.details,
      );
    }
    throw error;
  }
}

/** What the label matrix file says about each program after its rows: fault counts and where it was stopped. */
function tail(result: ApplyStreamResult): { faults: Record<string, unknown>; stopped: Record<string, unknown> } {
  return {
    faults: Object.fromEntries(result.meta.map((m) => [m.name, m.faults])),
    stopped: Object.fromEntries(result.meta.flatMap((m) => (m.stopped ? [[m.name, m.stopped]] : []))),
  };
}

async function loadStreamed(
  options: ApplyOptions,
  runner: ProgramRunner,
): Promise<{ task: TaskSpec; programs: Program[]; rows: AsyncIterable<unknown[]> | unknown[][]; estimate: number }> {
  const task0 = options.task === undefined ? undefined : await loadTaskSpec(options.task);
  const labelStudio = task0?.data?.format === "label-studio" || (await looksLikeLabelStudio(options.data));
  if (
    labelStudio ||
    (await stat(options.data).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    // A WRENCH folder is a few JSON files read whole, and so is a Label Studio export (one JSON list).
    const { task, programs, dataset } = await loadInputs(options, runner, { requirePrograms: true });
    return { task, programs, rows: [dataset.rows.map((row) => programInput(row, task.input))], estimate: dataset.rows.length };
  }
  if (options.task === undefined)
    throw new EngineError("INVALID_ARGUMENT", `--task is required unless --data is a WRENCH folder (${options.data} is not a folder)`);
  if (options.programs === undefined) throw new EngineError("INVALID_ARGUMENT", "--programs is required unless --data is a WRENCH folder with weak_labels");
  const task = task0!;
  const programs = await loadPrograms(options.programs, task);
  await checkPrograms(programs, runner, options.programs);
  return { task, programs, rows: inputBatches(options, task), estimate: await countLines(options.data).catch(() => 0) };
}

/**
 * What `alchemist apply` does once its flags are parsed (loaded lazily by `commands/apply.ts`):
 * streams the file's rows through the sandbox batch by batch and writes each finished block of the
 * label matrix as it comes, so memory holds a few chunks of rows whatever the file size.
 *
 * @example
 * await applyAction({ data: "d.csv", task: "t.yaml", programs: "p/", out: "L.json", seed: 42 }, ctx);
 */
export async function applyAction(options: ApplyOptions, ctx: CliContext): Promise<void> {
  const runner = createLocalRunner(runnerOptionsFrom(options));
  const progress = progressFor(ctx);
  let out: LabelMatrixJsonWriter | undefined;
  try {
    const { task, programs, rows, estimate } = await loadStreamed(options, runner);
    const multiLabel = task.multiLabel === true;
    const writer = (out = await LabelMatrixJsonWriter.open(
      options.out,
      programs.map((p) => p.name),
      { multiLabel },
    ));
    progress.onStage({ stage: "apply", done: 0, total: Math.max(1, estimate * programs.length) });
    const result = await runner.applyStream(programs, rows, {
      classNames: task.classes.map((c) => c.name),
      ...(multiLabel ? { multiLabel } : {}),
      signal: ctx.signal,
      totalRows: estimate,
      onProgress: (p) => progress.onStage({ stage: "apply", done: p.done, total: Math.max(p.total, p.done) }),
      onBlock: (block) => writer.write(block),
    });
    const total = result.n * programs.length;
    progress.onStage({ stage: "apply", done: total, total });
    progress.stop();
    const written = await writer.finish(tail(result));
    out = undefined;
    process.stdout.write(`wrote ${options.out}: ${written} rows x ${programs.length} programs\n`);
    for (const m of result.meta) {
      if (m.stopped) process.stdout.write(`${m.name}: stopped at row ${m.stopped.row} (${m.stopped.reason}); its later rows are abstains\n`);
    }
  } catch (error) {
    await out?.abort();
    throw error;
  } finally {
    progress.stop();
    await runner.close();
  }
}
