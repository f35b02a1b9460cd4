import "server-only";
import { z } from "zod";
import { createOwnedProject, getPrisma } from "@alchemist/db";
import { getEnv } from "@/env";

export const CreateProjectInput = z.object({
  name: z.string().trim().min(1, "Give the project a name").max(200, "Project names are at most 200 characters"),
  description: z.string().trim().max(2000, "Descriptions are at most 2,000 characters").default(""),
});

/**
 * Creates a project from validated input.
 *
 * @example
 * const project = await createProjectService({ name: "SMS spam", description: "" }, userId);
 */
export async function createProjectService(input: z.infer<typeof CreateProjectInput>, userId: string) {
  getEnv();
  return createOwnedProject(getPrisma(), userId, input);
}
