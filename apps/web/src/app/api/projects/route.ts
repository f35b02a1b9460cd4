import { requireUser, listMyProjects } from "@/features/auth";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** The caller's projects (session cookie or `Authorization: Bearer <API token>`), with their role. */
export async function GET(): Promise<Response> {
  try {
    const { userId } = await requireUser();
    return Response.json({ projects: await listMyProjects(userId) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
