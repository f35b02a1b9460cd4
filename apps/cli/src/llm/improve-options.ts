import { InvalidArgumentError, type Command } from "commander";
import { parseInteger } from "../data-options";

export interface ImproveFlags {
  readonly rounds?: number;
  readonly llmVotes?: number;
  readonly llmVotesBatch: number;
  readonly completions: number;
  readonly dedupeAgreement: number;
  readonly prune?: boolean;
  readonly audit?: boolean;
}

const positive =
  (name: string) =>
  (value: string): number => {
    const x = parseInteger(value);
    if (x < 1) throw new InvalidArgumentError(`${name} must be at least 1, got ${x}`);
    return x;
  };

function parseShare(value: string): number {
  const x = Number(value);
  if (value.trim() === "" || !(x > 0 && x <= 1)) throw new InvalidArgumentError(`expected a share in (0, 1], got "${value}"`);
  return x;
}

/**
 * Adds `run`'s beyond-the-paper flags: rounds aimed at weak spots, LLM votes as a source,
 * self-consistency completions, de-duplication, pruning and the label-error audit.
 *
 * @example
 * addImproveOptions(command); // --rounds 3 --llm-votes 200 --prune --audit
 */
export function addImproveOptions(command: Command): Command {
  return command
    .option(
      "--rounds <n>",
      "generation rounds: after each, new programs aimed at the weak spots; a round is kept only if dev F1 improves",
      positive("--rounds"),
    )
    .option("--completions <n>", "self-consistency: completions per prompt (near-duplicates are merged, keeping the simplest)", positive("--completions"), 1)
    .option("--dedupe-agreement <x>", "merge programs whose votes agree on at least this share of the train rows either votes on", parseShare, 0.98)
    .option(
      "--llm-votes <k>",
      "the LLM labels a sample of k rows with the zero-shot prompt; its answers become one more column of votes",
      positive("--llm-votes"),
    )
    .option("--llm-votes-batch <n>", "rows per LLM-votes call (1 = one call per row, sharing the zero-shot cache)", positive("--llm-votes-batch"), 10)
    .option("--prune", "disable programs below chance on dev, or whose removal raises the label model's dev F1 (otherwise only flagged)")
    .option("--audit", "label-error audit: rank likely mislabeled rows (confident learning) into likely-errors.csv");
}

/** Whether any improve flag asks for more than the paper's one-shot pipeline. */
export function improving(flags: ImproveFlags): boolean {
  return (flags.rounds ?? 1) > 1 || flags.completions > 1 || flags.llmVotes !== undefined || flags.prune === true;
}
