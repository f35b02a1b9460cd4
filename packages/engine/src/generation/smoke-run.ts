import type { FaultKind, Program, ProgramRunner } from "../core/program";

export interface SmokeRun {
  readonly votes: readonly number[];
  readonly faults: number;
  readonly firstError?: string;
}

type TryCapable = ProgramRunner & {
  tryProgram?: (
    program: Program,
    inputs: readonly unknown[],
    options: { classNames: readonly string[]; signal?: AbortSignal },
  ) => Promise<readonly { vote: number; error?: { kind: FaultKind; message: string } }[]>;
};

/**
 * Runs one candidate over the sample rows in the sandbox: the runner's per-row `tryProgram`
 * when it has one (errors per row), else `apply`.
 *
 * @example
 * const { votes, faults } = await smokeRun(program, runner, inputs, ["ham", "spam"]);
 */
export async function smokeRun(
  program: Program,
  runner: ProgramRunner,
  inputs: readonly unknown[],
  classNames: readonly string[],
  signal?: AbortSignal,
): Promise<SmokeRun> {
  const capable = runner as TryCapable;
  const options = { classNames, ...(signal ? { signal } : {}) };
  if (typeof capable.tryProgram === "function" && inputs.length <= 1000) {
    const rows = await capable.tryProgram(program, inputs, options);
    const failed = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.error);
    const first = failed[0];
    return {
      votes: rows.map((r) => r.vote),
      faults: failed.length,
      ...(first ? { firstError: `row ${first.i}: ${first.r.error!.kind}: ${first.r.error!.message}` } : {}),
    };
  }
  const { L, meta } = await runner.apply([program], inputs, options);
  const faults = Object.values(meta[0]?.faults ?? {}).reduce((s, x) => s + (x ?? 0), 0);
  return { votes: Array.from(L.values), faults, ...(meta[0]?.firstError ? { firstError: meta[0].firstError } : {}) };
}
