import { authorizeProject } from "@/features/auth";
import { jobStreamResponse } from "@/features/jobs";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** Server-sent events with the project's job updates (live progress on the jobs page and job panels). */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    await authorizeProject(projectId, "read");
    return await jobStreamResponse(projectId, request);
  } catch (error) {
    return errorResponse(error);
  }
}
