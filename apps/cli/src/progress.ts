import cliProgress from "cli-progress";
import type { StageProgress } from "@alchemist/engine/node";

export interface Progress {
  readonly onStage: (progress: StageProgress) => void;
  /** Prints a free-form step (e.g. "synthesize") in the same style as the stages. */
  readonly step: (message: string) => void;
  readonly stop: () => void;
}

/**
 * Stage progress on stderr: a cli-progress bar per stage on a terminal, otherwise one plain line
 * when a stage starts and one when it ends (logs and CI stay readable).
 *
 * @example
 * const progress = createProgress({ bars: process.stderr.isTTY === true });
 * await runPipeline({ ...options, onStage: progress.onStage });
 * progress.stop();
 */
export function createProgress(options: { bars: boolean; stream?: NodeJS.WriteStream }): Progress {
  const stream = options.stream ?? process.stderr;
  const started = new Map<string, number>();
  const finished = new Set<string>();
  let bar: cliProgress.SingleBar | null = null;
  let barStage = "";
  const seconds = (stage: string): string => ((performance.now() - (started.get(stage) ?? 0)) / 1000).toFixed(1);
  const stopBar = (): void => {
    bar?.stop();
    bar = null;
  };

  const onStage = ({ stage, done, total, epoch }: StageProgress): void => {
    if (!started.has(stage)) started.set(stage, performance.now());
    const detail = epoch ? `loss ${epoch.loss.toFixed(4)}${epoch.devAccuracy === null ? "" : `  dev acc ${epoch.devAccuracy.toFixed(3)}`}` : "";
    if (options.bars) {
      if (barStage !== stage || bar === null) {
        stopBar();
        barStage = stage;
        bar = new cliProgress.SingleBar(
          { format: `${stage.padEnd(12)} [{bar}] {value}/{total} {duration_formatted} {detail}`, stream, hideCursor: true, clearOnComplete: false },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { detail });
      } else {
        bar.setTotal(total);
        bar.update(done, detail ? { detail } : {});
      }
      return;
    }
    if (done < total && !finished.has(`${stage}:start`)) {
      finished.add(`${stage}:start`);
      stream.write(`alchemist: ${stage}: ${done}/${total}\n`);
    }
    if (detail) stream.write(`alchemist: ${stage}: epoch ${done}/${total}  ${detail}\n`);
    if (done >= total && !finished.has(stage)) {
      finished.add(stage);
      stream.write(`alchemist: ${stage}: ${done}/${total} done in ${seconds(stage)}s\n`);
    }
  };

  return {
    onStage,
    step: (message) => {
      stopBar();
      stream.write(`alchemist: ${message}\n`);
    },
    stop: stopBar,
  };
}
