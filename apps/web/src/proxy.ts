import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

/**
 * The cheap first gate: a studio page requested without a session cookie goes to /sign-in. It
 * only checks that a cookie is present; every page loader, route and server action verifies the
 * session and the project role itself (authorize.ts). API routes answer 401 on their own.
 */
export function proxy(request: NextRequest) {
  if (getSessionCookie(request)) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/sign-in";
  url.search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except the API, the sign-in/sign-up/invitation pages and static assets.
  matcher: ["/((?!api/|_next/|sign-in|sign-up|invite/|favicon\\.ico|.*\\.(?:svg|png|jpg|ico|css|js|txt|woff2?)$).*)"],
};
