import "server-only";
import { getPrisma } from "@alchemist/db";
import { currentCaller } from "./authorize";

/**
 * The signed-in user's id, email and name, or null (signed out, or the session's user is gone).
 *
 * @example
 * const user = await getSignedInUser();
 */
export async function getSignedInUser(): Promise<{ id: string; email: string; name: string } | null> {
  const caller = await currentCaller();
  if (!caller) return null;
  // A session already read the user row (every page's header asks): no second query.
  if (caller.email !== undefined) return { id: caller.id, email: caller.email, name: caller.name ?? "" };
  return getPrisma().user.findUnique({ where: { id: caller.id }, select: { id: true, email: true, name: true } });
}
