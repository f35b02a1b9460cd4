import { getAuth } from "@/features/auth";

// better-auth's own endpoints (sign-in, sign-up, session, sign-out, password change) for
// clients that call them over HTTP; the studio's forms use server actions over the same instance.
export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return getAuth().handler(request);
}

export function POST(request: Request): Promise<Response> {
  return getAuth().handler(request);
}
