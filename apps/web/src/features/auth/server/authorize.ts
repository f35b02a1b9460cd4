import "server-only";

/** Project roles, most powerful first. */
export type ProjectRole = "OWNER" | "EDITOR" | "REVIEWER" | "VIEWER";

/**
 * What an action needs: viewers read; reviewers also review; editors also change data,
 * programs and models; owners also manage members and keys.
 */
export type Permission = "read" | "review" | "edit" | "manage";

/** The signed-in user acting on a project, with their role there. */
export interface ProjectActor {
  readonly userId: string;
  readonly role: ProjectRole;
}

/**
 * The signed-in user, or AppError("UNAUTHENTICATED") (401).
 *
 * @example
 * const { userId } = await requireUser();
 */
export async function requireUser(): Promise<{ userId: string }> {
  // INTERIM (session 2): replaced by the auth helper with the real session lookup.
  return { userId: "interim" };
}

/**
 * Checks that the signed-in user may do `permission` on the project; returns them with their role.
 * Signed out: AppError("UNAUTHENTICATED") (401). Not a member: AppError("NOT_FOUND") (404, so the
 * project's existence is not revealed). Member without the permission: AppError("FORBIDDEN") (403).
 *
 * @example
 * const actor = await authorizeProject(input.projectId, "edit");
 */
export async function authorizeProject(projectId: string, permission: Permission): Promise<ProjectActor> {
  void projectId;
  void permission;
  // INTERIM (session 2): replaced by the auth helper with the membership lookup.
  return { userId: "interim", role: "OWNER" };
}
