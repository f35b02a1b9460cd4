import "server-only";
import { getPrisma, listAuditEvents } from "@alchemist/db";
import { authorizeProjectPage } from "@/features/auth";

export const AUDIT_PAGE_SIZE = 50;

/**
 * One page of the project's audit log (owners only), newest first; `cursor` is the last event
 * id of the previous page.
 *
 * @example
 * const { events, nextCursor } = await getAuditPage(projectId, null);
 */
export async function getAuditPage(projectId: string, cursor: string | null) {
  await authorizeProjectPage(projectId, "manage");
  const safeCursor = cursor && /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? cursor : null;
  const db = getPrisma();
  // An unknown or foreign cursor would make Prisma throw; start over instead.
  const valid = safeCursor ? await db.auditEvent.count({ where: { id: safeCursor, projectId } }) : 0;
  return listAuditEvents(db, projectId, { limit: AUDIT_PAGE_SIZE, cursor: valid ? safeCursor : null });
}
