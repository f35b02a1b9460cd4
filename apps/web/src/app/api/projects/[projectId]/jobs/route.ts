import { listProjectJobs } from "@/features/jobs";
import { authorizeProject } from "@/features/auth";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** The project's newest jobs; the studio polls this every second while a job runs. */
export async function GET(_request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    await authorizeProject(projectId, "read");
    return Response.json({ jobs: await listProjectJobs(projectId) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
