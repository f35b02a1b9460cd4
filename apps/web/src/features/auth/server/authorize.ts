import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { roleAllows, type Permission, type ProjectRole } from "@alchemist/engine";
import { refusalMessage } from "../role-refusal";
import { SESSION_COOKIE, findSessionUser, getMemberProject, getPrisma, resolveApiToken, verifySessionCookie } from "@alchemist/db";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { SESSION_EXPIRES_IN, SESSION_UPDATE_AGE, getAuth } from "./auth";

// Roles and what each may do are the engine's (`roleAllows`), the one permission matrix.
export type { Permission, ProjectRole } from "@alchemist/engine";

/** The signed-in user acting on a project, with their role there. */
export interface ProjectActor {
  readonly userId: string;
  readonly role: ProjectRole;
}

/**
 * The caller's user id from `Authorization: Bearer <API token>` or the session cookie, or null.
 * A request that sends a bearer token is judged by the token alone (a bad token is not rescued
 * by a cookie). Memoised per request, so a page's loaders share one lookup.
 *
 * @example
 * const userId = await currentUserId();
 */
export const currentUserId = cache(async (): Promise<string | null> => {
  const { requestHeaders, authorization, cookie } = await credentials();
  // React's cache() memoises only inside a server-component render, not in route handlers or
  // server actions (which authorize in the handler and again in the service they call), so the
  // id is also memoised on the request's headers object (one per request), keyed by the exact
  // credentials sent: a cookie an action replaces or clears is looked up afresh.
  const key = authorization !== null ? `bearer ${authorization}` : `cookie ${cookie}`;
  const byCredentials = userIdsByRequest.get(requestHeaders) ?? new Map<string, Promise<string | null>>();
  userIdsByRequest.set(requestHeaders, byCredentials);
  const known = byCredentials.get(key);
  if (known) return known;
  const lookup = currentCaller().then((caller) => caller?.id ?? null);
  byCredentials.set(key, lookup);
  lookup.catch(() => byCredentials.delete(key));
  return lookup;
});

type Caller = { id: string; email?: string; name?: string };
const userIdsByRequest = new WeakMap<object, Map<string, Promise<string | null>>>();

async function credentials() {
  const requestHeaders = await headers();
  const authorization = requestHeaders.get("authorization");
  // Read the session cookie through cookies(), not the raw header: after a server action
  // replaces the session (sign-in, password change), the page re-rendered in the same request
  // must see the new cookie, and only cookies() reflects it.
  const cookie =
    authorization === null
      ? (await cookies())
          .getAll()
          .map(({ name, value }) => `${name}=${encodeURIComponent(value)}`)
          .join("; ")
      : "";
  return { requestHeaders, authorization, cookie };
}

/**
 * The caller as currentUserId resolves it, plus the user's email and name when a session cookie
 * signed them in (the session lookup joins the user row, so pages need not read it again; an API
 * token resolves to the id only). Memoised per server-component render (fresh after an action).
 *
 * @example
 * const caller = await currentCaller(); // { id, email, name } | { id } | null
 */
export const currentCaller = cache(async (): Promise<Caller | null> => {
  const { requestHeaders, authorization, cookie } = await credentials();
  return lookUpCaller(requestHeaders, authorization, cookie);
});

async function lookUpCaller(requestHeaders: Headers, authorization: string | null, cookie: string): Promise<Caller | null> {
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const userId = match?.[1] ? await resolveApiToken(getPrisma(), match[1]) : null;
    return userId ? { id: userId } : null;
  }
  // The session cookie checked here (node:crypto HMAC + one indexed query joining the user) rather
  // than through better-auth's getSession on every request: that endpoint verified the signature
  // with WebCrypto on the thread pool and read the session and the user separately, a large share
  // of a small page's CPU under load. better-auth still runs when it has work to do: a session old
  // enough to be extended (updateAge), or one that has expired (it clears it).
  const value = cookieValue(cookie, `__Secure-${SESSION_COOKIE}`) ?? cookieValue(cookie, SESSION_COOKIE);
  const token = value === null ? null : verifySessionCookie(value, getEnv().BETTER_AUTH_SECRET);
  if (token === null) return null;
  const found = await findSessionUser(getPrisma(), token);
  if (!found) return null;
  const now = Date.now();
  if (found.expiresAt.getTime() > now && found.expiresAt.getTime() - SESSION_EXPIRES_IN * 1000 + SESSION_UPDATE_AGE * 1000 > now) {
    return { id: found.userId, email: found.email, name: found.name };
  }
  const sessionHeaders = new Headers(requestHeaders);
  sessionHeaders.set("cookie", cookie);
  const session = await getAuth().api.getSession({ headers: sessionHeaders });
  return session ? { id: session.user.id, email: session.user.email, name: session.user.name } : null;
}

/** The (URL-decoded) value of cookie `name` in a Cookie header, or null. */
function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The signed-in user, or AppError("UNAUTHENTICATED") (401).
 *
 * @example
 * const { userId } = await requireUser();
 */
export async function requireUser(): Promise<{ userId: string }> {
  const userId = await currentUserId();
  if (!userId) throw new AppError("UNAUTHENTICATED", "sign in first (or send Authorization: Bearer <API token>)");
  return { userId };
}

// One membership lookup per request and project, however many loaders of a page ask; it reads the
// project's header fields in the same query (`authorizedProjectHeader`). cache() only memoises
// inside a render, so route handlers and actions (which authorize in the handler and again in the
// service they call) memoise on the request's headers object too, like currentUserId.
type MemberProject = Awaited<ReturnType<typeof getMemberProject>>;
const renderMemberProject = cache((projectId: string, userId: string) => getMemberProject(getPrisma(), projectId, userId));
const accessByRequest = new WeakMap<object, Map<string, Promise<MemberProject>>>();

async function memberProject(projectId: string, userId: string): Promise<MemberProject> {
  const requestHeaders = await headers();
  const byKey = accessByRequest.get(requestHeaders) ?? new Map<string, Promise<MemberProject>>();
  accessByRequest.set(requestHeaders, byKey);
  const key = `${projectId}\u0000${userId}`;
  const known = byKey.get(key);
  if (known) return known;
  const lookup = renderMemberProject(projectId, userId);
  byKey.set(key, lookup);
  lookup.catch(() => byKey.delete(key));
  return lookup;
}

/**
 * The project's id, name and description as read when the caller was authorized for it in this
 * request (no second query); null when they were not.
 *
 * @example
 * await authorizeProjectPage(projectId, "read");
 * const header = await authorizedProjectHeader(projectId);
 */
export async function authorizedProjectHeader(projectId: string): Promise<{ id: string; name: string; description: string } | null> {
  const userId = await currentUserId();
  if (!userId) return null;
  return (await memberProject(projectId, userId))?.project ?? null;
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
  const { userId } = await requireUser();
  const role =
    typeof projectId === "string" && projectId.length > 0 && projectId.length <= 100 ? ((await memberProject(projectId, userId))?.role ?? null) : null;
  if (!role) throw new AppError("NOT_FOUND", "project not found");
  if (!roleAllows(role, permission)) throw new AppError("FORBIDDEN", refusalMessage(role, permission));
  return { userId, role };
}

/**
 * authorizeProject for pages: signed out goes to /sign-in, not a member renders the 404 page,
 * a member without the permission the 403 page (`forbidden()` -> app/forbidden.tsx, HTTP 403).
 * Never use it in route handlers (redirects there are not JSON errors).
 *
 * @example
 * const actor = await authorizeProjectPage(projectId, "read");
 */
export async function authorizeProjectPage(projectId: string, permission: Permission): Promise<ProjectActor> {
  try {
    return await authorizeProject(projectId, permission);
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") redirect("/sign-in");
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}

/**
 * requireUser for pages: signed out goes to /sign-in.
 *
 * @example
 * const { userId } = await requireUserPage();
 */
export async function requireUserPage(): Promise<{ userId: string }> {
  const userId = await currentUserId();
  if (!userId) redirect("/sign-in");
  return { userId };
}
