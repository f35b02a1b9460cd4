import type { Db } from "../client";
import type { Prisma } from "../generated/prisma/client";

/** One audit entry: who (`actorId`) did what (`action`) to which thing, with small JSON details. */
export interface AuditInput {
  /** null for account-level events (API tokens) that belong to no project. */
  projectId: string | null;
  actorId: string;
  /** Dotted verb, e.g. "member.add", "program.save", "token.revoke". */
  action: string;
  targetType: string;
  targetId?: string | null;
  /** Small, secret-free JSON (never keys, tokens or row data). */
  details?: Record<string, unknown>;
}

/** A client or an interactive transaction, so callers can audit inside the change's transaction. */
type DbOrTx = Db | Prisma.TransactionClient;

/**
 * Appends an audit event. Pass the transaction client when the change runs in one, so the event
 * and the change commit together.
 *
 * @example
 * await recordAudit(prisma, { projectId, actorId: actor.userId, action: "program.save", targetType: "program", targetId: program.id, details: { version: 3 } });
 */
export async function recordAudit(db: DbOrTx, input: AuditInput) {
  if (!/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/.test(input.action)) {
    throw new Error(`audit action must look like "noun.verb", got "${input.action}"`);
  }
  return db.auditEvent.create({
    data: {
      projectId: input.projectId,
      actorId: input.actorId,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      details: (input.details ?? {}) as Prisma.InputJsonValue,
    },
  });
}

/**
 * A page of a project's audit events, newest first, with the actor's email (keyset on createdAt+id
 * so deep pages stay fast).
 *
 * @example
 * const { events, nextCursor } = await listAuditEvents(prisma, projectId, { limit: 50 });
 */
export async function listAuditEvents(db: Db, projectId: string, options: { limit?: number; cursor?: string | null } = {}) {
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new Error(`audit page size must be an integer in 1..500, got ${limit}`);
  const rows = await db.auditEvent.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, limit);
  const actorIds = [...new Set(page.map((e) => e.actorId).filter((id): id is string => id !== null))];
  const users = actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } }) : [];
  const emails = new Map(users.map((u) => [u.id, u.email]));
  return {
    events: page.map((e) => ({ ...e, actorEmail: e.actorId ? (emails.get(e.actorId) ?? null) : null })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
