import { roleAllows, type Permission, type ProjectRole } from "@alchemist/engine";

const ROLES: readonly ProjectRole[] = ["VIEWER", "REVIEWER", "EDITOR", "OWNER"];

const WHAT: Record<Permission, string> = {
  read: "read",
  review: "review (label rows, comment)",
  edit: "edit (data, task, programs, runs and models)",
  manage: "manage (members, provider keys, settings and the audit log)",
};

/**
 * The roles that grant `permission`, as words ("editor or owner"), read off the engine's
 * `roleAllows` so the UI never keeps a second copy of the permission matrix.
 *
 * @example
 * rolesThatMay("edit"); // "editor or owner"
 */
export function rolesThatMay(permission: Permission): string {
  const names = ROLES.filter((role) => roleAllows(role, permission)).map((role) => role.toLowerCase());
  return names.length <= 1 ? (names[0] ?? "nobody") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/**
 * What a member whose role lacks `permission` is told (server-action errors, 403 bodies, the
 * notes beside disabled controls): their role, what it cannot do, who can, and what to do.
 *
 * @example
 * refusalMessage("REVIEWER", "edit");
 * // "your role (reviewer) cannot edit (data, task, programs, runs and models) in this project: that needs the editor or owner role; ask a project owner to change your role"
 */
export function refusalMessage(role: ProjectRole, permission: Permission): string {
  return `your role (${role.toLowerCase()}) cannot ${WHAT[permission]} in this project: that needs the ${rolesThatMay(permission)} role; ask a project owner to change your role`;
}
