/** A program version frozen into a run (the shape of `Run.programs` entries this needs). */
export interface RunProgramRef {
  readonly programId: string;
  readonly programVersionId: string;
  readonly name: string;
  readonly codeHash: string;
}

export interface RunDiffProgram {
  readonly programId: string;
  readonly name: string;
  /** Version number in run A / run B; null when the program is not in that run. */
  readonly versionA: number | null;
  readonly versionB: number | null;
}

/** Which programs two runs share, and the vote columns that can move a label between them. */
export interface RunProgramsDiff {
  readonly added: RunDiffProgram[];
  readonly removed: RunDiffProgram[];
  readonly changed: RunDiffProgram[];
  readonly unchanged: RunDiffProgram[];
  /** Added, removed and changed programs with their code hash in each run (null: not in that run). */
  readonly moving: { readonly programId: string; readonly hashA: string | null; readonly hashB: string | null }[];
  /** Distinct code hashes of `moving`: the only vote columns a diff needs to read. */
  readonly hashes: string[];
  /** Program id -> name (run B's name wins for a renamed program). */
  readonly names: ReadonlyMap<string, string>;
}

/**
 * Compares the program lists of run A and run B: added, removed, changed (other code) and
 * unchanged programs with their version numbers (`versions`: program version id -> number), and
 * the programs whose votes can differ. Identical code gives identical votes, so only added,
 * removed and changed programs can drive a label change.
 *
 * @example
 * const diff = diffRunPrograms(runPrograms(runA), runPrograms(runB), versions);
 * diff.hashes; // code hashes whose vote chunks the run diff reads
 */
export function diffRunPrograms(
  programsA: readonly RunProgramRef[],
  programsB: readonly RunProgramRef[],
  versions: ReadonlyMap<string, number>,
): RunProgramsDiff {
  const byIdA = new Map(programsA.map((p) => [p.programId, p]));
  const byIdB = new Map(programsB.map((p) => [p.programId, p]));
  const ids = [...new Set([...programsA, ...programsB].map((p) => p.programId))];
  const names = new Map([...programsA, ...programsB].map((p) => [p.programId, p.name]));
  const version = (p: RunProgramRef | undefined) => (p ? (versions.get(p.programVersionId) ?? null) : null);
  const entry = (id: string): RunDiffProgram => ({ programId: id, name: names.get(id)!, versionA: version(byIdA.get(id)), versionB: version(byIdB.get(id)) });
  const added = ids.filter((id) => !byIdA.has(id)).map(entry);
  const removed = ids.filter((id) => !byIdB.has(id)).map(entry);
  const both = ids.filter((id) => byIdA.has(id) && byIdB.has(id));
  const changed = both.filter((id) => byIdA.get(id)!.codeHash !== byIdB.get(id)!.codeHash).map(entry);
  const unchanged = both.filter((id) => byIdA.get(id)!.codeHash === byIdB.get(id)!.codeHash).map(entry);
  const moving = [...added, ...removed, ...changed].map((p) => ({
    programId: p.programId,
    hashA: byIdA.get(p.programId)?.codeHash ?? null,
    hashB: byIdB.get(p.programId)?.codeHash ?? null,
  }));
  const hashes = [...new Set(moving.flatMap((p) => [p.hashA, p.hashB]).filter((h): h is string => h !== null))];
  return { added, removed, changed, unchanged, moving, hashes, names };
}
