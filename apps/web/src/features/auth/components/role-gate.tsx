import type { ReactNode } from "react";
import { roleAllows, type Permission, type ProjectRole } from "@alchemist/engine";
import { rolesThatMay } from "../role-refusal";

/**
 * Why a control is missing or disabled: "Read-only for your role (viewer): editing the task
 * needs the editor or owner role." Shown in place of, or beside, what the role cannot use.
 *
 * @example
 * <RoleNote role="VIEWER" need="edit" what="Editing the task" />
 */
export function RoleNote({ role, need, what }: { role: ProjectRole; need: Permission; what: string }) {
  return (
    <p data-testid="role-note" data-need={need} className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-600">
      Read-only for your role ({role.toLowerCase()}): {what} needs the {rolesThatMay(need)} role. A project owner can change your role on the Members page.
    </p>
  );
}

/**
 * Forms a role may read but not use: when `role` lacks `need` (the engine's `roleAllows`), every
 * input and button inside is disabled (a disabled fieldset, so forms nested in it are covered
 * too) and a RoleNote says why; otherwise the children render as they are.
 *
 * @example
 * <RoleGate role={actor.role} need="edit" what="Editing the task"><TaskForm ... /></RoleGate>
 */
export function RoleGate({
  role,
  need,
  what,
  className = "space-y-6",
  children,
}: {
  role: ProjectRole;
  need: Permission;
  what: string;
  className?: string;
  children: ReactNode;
}) {
  if (roleAllows(role, need)) return <>{children}</>;
  return (
    <div data-testid="role-gate" className={className}>
      <RoleNote role={role} need={need} what={what} />
      <fieldset disabled className={`min-w-0 ${className}`}>
        {children}
      </fieldset>
    </div>
  );
}
