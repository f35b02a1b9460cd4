import "server-only";
import { getPrisma } from "@alchemist/db";
import { currentUserId } from "./authorize";

/**
 * The signed-in user's id, email and name, or null (signed out, or the session's user is gone).
 *
 * @example
 * const user = await getSignedInUser();
 */
export async function getSignedInUser(): Promise<{ id: string; email: string; name: string } | null> {
  const userId = await currentUserId();
  if (!userId) return null;
  return getPrisma().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
}
