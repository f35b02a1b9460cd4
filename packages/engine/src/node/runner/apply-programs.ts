import { createLabelMatrix } from "../../core/label-matrix";
import type { ApplyOptions, ApplyResult, Program } from "../../core/program";
import { runApplySession, type SessionSettings } from "./apply-session";
import type { SandboxPool } from "./sandbox-pool";
import { voteCodeCount } from "../../multi-label/vote-code-count";

/**
 * Applies programs to in-memory inputs: the streamed apply (apply-session.ts) fed with the inputs
 * chunk by chunk, its blocks copied into one label matrix. Results do not depend on pool size,
 * chunk size or completion order.
 *
 * @example
 * const { L, meta } = await applyPrograms(pool, programs, texts, { classNames }, settings);
 */
export async function applyPrograms(
  pool: SandboxPool,
  programs: readonly Program[],
  inputs: readonly unknown[],
  options: ApplyOptions,
  settings: SessionSettings,
): Promise<ApplyResult> {
  const n = inputs.length;
  const m = programs.length;
  const L = createLabelMatrix(n, m, voteCodeCount(options.classNames.length, options.multiLabel === true));
  const batches = function* (): Generator<readonly unknown[]> {
    for (let start = 0; start < n; start += settings.chunkSize) yield inputs.slice(start, start + settings.chunkSize);
  };
  const { meta } = await runApplySession(
    pool,
    programs,
    batches(),
    {
      ...options,
      totalRows: n,
      onBlock: ({ start, votes }) => L.values.set(votes.values, start * m),
    },
    settings,
  );
  return { L, meta };
}
