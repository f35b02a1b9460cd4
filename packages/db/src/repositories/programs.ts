import type { Db } from "../client";
import { codeHash } from "../code-hash";
import type { ProgramLanguage } from "../generated/prisma/enums";

export interface ProgramCode {
  readonly language: ProgramLanguage;
  readonly functionName?: string;
  readonly source: string;
  /** {"kind": "builtin" | "user" | "llm", ...} */
  readonly provenance?: Record<string, unknown>;
}

function versionData(code: ProgramCode) {
  const functionName = code.functionName ?? "label_function";
  // Stored with LF line endings whoever writes it (a browser textarea submits CRLF), so exports and hashes agree.
  const source = code.source.replace(/\r\n?/g, "\n");
  if (!source.trim()) throw new Error("program source is empty");
  return {
    language: code.language,
    functionName,
    source,
    codeHash: codeHash(code.language, functionName, source),
    provenance: (code.provenance ?? {}) as object,
  };
}

/**
 * Creates a program with version 1.
 *
 * @example
 * const { program, version } = await createProgram(prisma, { projectId, name: "has_url", language: "PYTHON", source });
 */
export async function createProgram(db: Db, input: ProgramCode & { projectId: string; name: string }) {
  const name = input.name.trim();
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,99}$/.test(name)) throw new Error(`program name "${input.name}" must be 1-100 of [A-Za-z0-9_-], starting with a letter or _`);
  const program = await db.program.create({
    data: { projectId: input.projectId, name, versions: { create: { version: 1, ...versionData(input) } } },
    include: { versions: true },
  });
  const { versions, ...rest } = program;
  return { program: rest, version: versions[0]! };
}

/**
 * Adds the next version of a program. Unchanged code (same codeHash as the latest version)
 * returns the latest version instead of creating a duplicate.
 *
 * @example
 * const v2 = await addProgramVersion(prisma, program.id, { language: "PYTHON", source: edited });
 */
export async function addProgramVersion(db: Db, programId: string, code: ProgramCode) {
  const data = versionData(code);
  return db.$transaction(async (tx) => {
    // Two saves of the same program at once would both read version N and both write N + 1 (the
    // second failing on the unique key): the row lock makes the second wait and write N + 2.
    await tx.$queryRaw`SELECT 1 FROM "Program" WHERE "id" = ${programId} FOR UPDATE`;
    const latest = await tx.programVersion.findFirst({ where: { programId }, orderBy: { version: "desc" } });
    if (!latest) throw new Error(`program ${programId} does not exist or has no versions`);
    if (latest.codeHash === data.codeHash) return latest;
    return tx.programVersion.create({ data: { programId, version: latest.version + 1, ...data } });
  });
}

/**
 * Programs of a project by name, each with its latest version as `latest`.
 *
 * @example
 * for (const p of await listPrograms(prisma, projectId)) console.log(p.name, p.latest.version);
 */
export async function listPrograms(db: Db, projectId: string, options: { enabledOnly?: boolean } = {}) {
  const programs = await db.program.findMany({
    where: { projectId, ...(options.enabledOnly ? { enabled: true } : {}) },
    orderBy: { name: "asc" },
    include: { versions: { orderBy: { version: "desc" }, take: 1 } },
  });
  return programs.map(({ versions, ...program }) => ({ ...program, latest: versions[0]! }));
}

/** One program with all versions (newest first), or null. */
export async function getProgram(db: Db, id: string) {
  return db.program.findUnique({ where: { id }, include: { versions: { orderBy: { version: "desc" } } } });
}

/** Turns a program on or off for future runs. */
export async function setProgramEnabled(db: Db, id: string, enabled: boolean) {
  return db.program.update({ where: { id }, data: { enabled } });
}

/** Statuses of a ProgramRefinement: queued, running, candidate ready, failed, kept or discarded by the user. */
export type RefinementStatus = "QUEUED" | "RUNNING" | "READY" | "FAILED" | "KEPT" | "DISCARDED";

/**
 * Records a request to change a program with an LLM ("so that ..."), against its `baseVersionId`.
 *
 * @example
 * const r = await createProgramRefinement(prisma, { projectId, programId, baseVersionId, instruction, provider: "openai", model: "gpt-4o-mini", actorId });
 */
export async function createProgramRefinement(
  db: Db,
  input: { projectId: string; programId: string; baseVersionId: string; instruction: string; provider: string; model: string; actorId: string | null },
) {
  return db.programRefinement.create({ data: { ...input, status: "QUEUED" } });
}

/** One refinement, or null. */
export async function getProgramRefinement(db: Db, id: string) {
  return db.programRefinement.findUnique({ where: { id } });
}

/** Updates a refinement's status and results. */
export async function updateProgramRefinement(
  db: Db,
  id: string,
  data: {
    status?: RefinementStatus;
    candidateVersionId?: string | null;
    metrics?: object | null;
    attempts?: object[];
    costUsd?: number;
    error?: string | null;
    finishedAt?: Date | null;
  },
) {
  const { metrics, ...rest } = data;
  return db.programRefinement.update({ where: { id }, data: { ...rest, ...(metrics === undefined ? {} : { metrics: metrics ?? undefined }) } });
}

/**
 * The newest refinements of a program (newest first).
 *
 * @example
 * const [latest] = await listProgramRefinements(prisma, programId, 5);
 */
export async function listProgramRefinements(db: Db, programId: string, take = 10) {
  return db.programRefinement.findMany({ where: { programId }, orderBy: { createdAt: "desc" }, take });
}

/**
 * Readable, unused program names for new programs: each base name as is when the project has no
 * program by that name, else with the first free counter (`gen_01_keywords_2`, `_3`, ...), never
 * a random suffix. Names in one call are distinct from each other too.
 *
 * @example
 * const names = await freeProgramNames(prisma, projectId, ["gen_01_keywords"]);
 * names.get("gen_01_keywords"); // "gen_01_keywords" or "gen_01_keywords_2"
 */
export async function freeProgramNames(db: Db, projectId: string, bases: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(bases)];
  if (unique.length === 0) return new Map();
  const existing = await db.program.findMany({ where: { projectId, OR: unique.map((base) => ({ name: { startsWith: base } })) }, select: { name: true } });
  const taken = new Set(existing.map((p) => p.name));
  const chosen = new Map<string, string>();
  for (const base of unique) {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    chosen.set(base, name);
  }
  return chosen;
}
