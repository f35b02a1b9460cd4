/** A member's role in a project (the Prisma `Role` enum's values). */
export type ProjectRole = "OWNER" | "EDITOR" | "REVIEWER" | "VIEWER";

/** What an action needs: viewers read; reviewers also review; editors also edit; owners also manage. */
export type Permission = "read" | "review" | "edit" | "manage";

const GRANTS: Record<ProjectRole, readonly Permission[]> = {
  VIEWER: ["read"],
  REVIEWER: ["read", "review"],
  EDITOR: ["read", "review", "edit"],
  OWNER: ["read", "review", "edit", "manage"],
};

/**
 * Whether `role` grants `permission` (the project permission matrix).
 *
 * @example
 * roleAllows("REVIEWER", "edit"); // false
 */
export function roleAllows(role: ProjectRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
