import "server-only";
import { z } from "zod";
import { addProgramVersion, createProgram, findProjectTask, getPrisma, recordAudit, toDbLanguage } from "@alchemist/db";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { assertProgramCompiles, normaliseSource } from "./check-program-source";

const source = z
  .string()
  .max(100_000, "Programs are at most 100,000 characters")
  .refine((s) => s.trim() !== "", "The program is empty")
  .transform(normaliseSource);
export const CreateProgramInput = z.object({
  projectId: z.string().min(1),
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,99}$/, "Program names are 1-100 of A-Z a-z 0-9 _ -, starting with a letter or _"),
  language: z.enum(["python", "javascript"]),
  source,
});
export const SaveVersionInput = z.object({ projectId: z.string().min(1), programId: z.string().min(1), language: z.enum(["python", "javascript"]), source });

async function functionName(projectId: string): Promise<string> {
  const task = await findProjectTask(getPrisma(), projectId);
  if (!task) throw new AppError("BAD_REQUEST", "Define the task first: programs are written against its classes and function name");
  return task.functionName;
}

/**
 * Creates a program (version 1, provenance "user") under the task's function name, once the code
 * passes the static check.
 *
 * @example
 * const { program } = await createProgramService({ projectId, name: "has_free", language: "python", source }, actor.userId);
 */
export async function createProgramService(input: z.infer<typeof CreateProgramInput>, actorId: string) {
  getEnv();
  const db = getPrisma();
  const fn = await functionName(input.projectId);
  if (await db.program.findUnique({ where: { projectId_name: { projectId: input.projectId, name: input.name } } })) {
    throw new AppError("CONFLICT", `a program named "${input.name}" already exists in this project`);
  }
  await assertProgramCompiles({ projectId: input.projectId, language: input.language, functionName: fn, source: input.source }, actorId);
  const created = await createProgram(db, {
    projectId: input.projectId,
    name: input.name,
    language: toDbLanguage(input.language),
    functionName: fn,
    source: input.source,
    provenance: { kind: "user", userId: actorId },
  });
  await recordAudit(db, {
    projectId: input.projectId,
    actorId,
    action: "program.create",
    targetType: "program",
    targetId: created.program.id,
    details: { name: input.name, language: input.language },
  });
  return created;
}

/**
 * Saves edited code as the program's next version once it passes the static check (code that
 * does not compile is refused with its line: `ProgramCheckFailed`); unchanged code creates
 * nothing (`created: false`).
 *
 * @example
 * const { version, created } = await saveVersionService({ projectId, programId, language: "python", source }, actor.userId);
 */
export async function saveVersionService(input: z.infer<typeof SaveVersionInput>, actorId: string) {
  getEnv();
  const db = getPrisma();
  // Only the latest version is needed, not every version's source.
  const program = await db.program.findUnique({ where: { id: input.programId }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } });
  if (!program || program.projectId !== input.projectId) throw new AppError("NOT_FOUND", `program ${input.programId} does not exist in this project`);
  const before = program.versions[0]!;
  const fn = await functionName(input.projectId);
  await assertProgramCompiles({ projectId: input.projectId, language: input.language, functionName: fn, source: input.source }, actorId);
  const version = await addProgramVersion(db, program.id, {
    language: toDbLanguage(input.language),
    functionName: fn,
    source: input.source,
    provenance: { kind: "user", parent: before.version, parentVersionId: before.id, userId: actorId },
  });
  const created = version.id !== before.id;
  if (created)
    await recordAudit(db, {
      projectId: input.projectId,
      actorId,
      action: "program.save",
      targetType: "program",
      targetId: program.id,
      details: { name: program.name, version: version.version },
    });
  return { version, created };
}
