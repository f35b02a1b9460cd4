import { predictResultResponse } from "@/features/predict";
import { authorizeProject } from "@/features/auth";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** Downloads what a finished job produced (predict jobs: the labels file); 409 while it runs. */
export async function GET(_request: Request, { params }: { params: Promise<{ projectId: string; jobId: string }> }): Promise<Response> {
  const { projectId, jobId } = await params;
  try {
    await authorizeProject(projectId, "read");
    return await predictResultResponse(projectId, jobId);
  } catch (error) {
    return errorResponse(error);
  }
}
