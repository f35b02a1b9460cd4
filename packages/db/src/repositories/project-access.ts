import type { Db } from "../client";
import { queryRows } from "../query-rows";
import type { Role } from "../generated/prisma/enums";

/**
 * A member's role in a project together with the project's name and description, in one query:
 * every project page authorizes the caller and shows the project in its header, and reading them
 * separately was one more round trip per page view. Null when the user is not a member (or the
 * project does not exist).
 *
 * @example
 * const access = await getMemberProject(prisma, projectId, userId); // { role: "EDITOR", project: { id, name, description } } | null
 */
export async function getMemberProject(
  db: Db,
  projectId: string,
  userId: string,
): Promise<{ role: Role; project: { id: string; name: string; description: string } } | null> {
  const [row] = await queryRows<{ role: Role; id: string; name: string; description: string }>(db)`
    SELECT m."role"::text AS "role", p."id", p."name", p."description"
    FROM "Membership" m JOIN "Project" p ON p."id" = m."projectId"
    WHERE m."projectId" = ${projectId} AND m."userId" = ${userId}`;
  return row ? { role: row.role, project: { id: row.id, name: row.name, description: row.description } } : null;
}
