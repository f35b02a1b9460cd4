import "server-only";
import { z } from "zod";
import { getPrisma, recordAudit } from "@alchemist/db";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";

const ProjectId = z.string().min(1).max(100);

export const RenameProjectInput = z.object({
  projectId: ProjectId,
  name: z.string().trim().min(1, "Give the project a name").max(200, "Project names are at most 200 characters"),
  description: z.string().trim().max(2000, "Descriptions are at most 2,000 characters").default(""),
});

export const DeleteProjectInput = z.object({
  projectId: ProjectId,
  confirmName: z.string().trim().max(200).default(""),
});

/**
 * Renames a project (and sets its description), audited as `project.rename` with both names.
 *
 * @example
 * await renameProject({ projectId, name: "SMS spam v2", description: "" }, actor.userId);
 */
export async function renameProject(input: z.infer<typeof RenameProjectInput>, actorId: string): Promise<void> {
  getEnv();
  await getPrisma().$transaction(async (tx) => {
    const before = await tx.project.findUniqueOrThrow({ where: { id: input.projectId }, select: { name: true, description: true } });
    if (before.name === input.name && before.description === input.description) return;
    await tx.project.update({ where: { id: input.projectId }, data: { name: input.name, description: input.description } });
    await recordAudit(tx, {
      projectId: input.projectId,
      actorId,
      action: "project.rename",
      targetType: "project",
      targetId: input.projectId,
      details: { from: before.name, to: input.name, descriptionChanged: before.description !== input.description },
    });
  });
}

/**
 * Deletes a project with everything in it (datasets, programs, runs, models, members, its audit
 * log) once the owner typed its exact name. Refused while a job of the project is queued or
 * running, since the worker would write into rows that are gone. The deletion itself is audited
 * as an account-level event (`project.delete`, no project), which outlives the project.
 *
 * @example
 * await deleteProject({ projectId, confirmName: "SMS spam" }, actor.userId);
 */
export async function deleteProject(input: z.infer<typeof DeleteProjectInput>, actorId: string): Promise<{ name: string }> {
  getEnv();
  return getPrisma().$transaction(async (tx) => {
    const project = await tx.project.findUniqueOrThrow({ where: { id: input.projectId }, select: { name: true } });
    if (input.confirmName !== project.name.trim()) {
      throw new AppError("BAD_REQUEST", `type the project's name, "${project.name}", to confirm the deletion`);
    }
    const active = await tx.job.count({ where: { projectId: input.projectId, status: { in: ["QUEUED", "RUNNING"] } } });
    if (active > 0)
      throw new AppError("CONFLICT", `${active} job(s) of this project are queued or running: cancel them on the Jobs page (or let them finish), then delete`);
    await recordAudit(tx, {
      projectId: null,
      actorId,
      action: "project.delete",
      targetType: "project",
      targetId: input.projectId,
      details: { name: project.name },
    });
    await tx.project.delete({ where: { id: input.projectId } });
    return { name: project.name };
  });
}
