/**
 * The invitation token in a `next` path that points at an invitation (`/invite/<token>`), else null:
 * signing in or up on the way from an invitation link joins the project right away.
 *
 * @example
 * invitationTokenOf("/invite/abc...xyz"); // "abc...xyz"
 * invitationTokenOf("/projects"); // null
 */
export function invitationTokenOf(next: string): string | null {
  const match = /^\/invite\/([A-Za-z0-9_-]{20,100})$/.exec(next);
  return match ? match[1]! : null;
}
