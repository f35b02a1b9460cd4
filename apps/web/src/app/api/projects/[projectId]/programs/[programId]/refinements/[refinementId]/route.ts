import { authorizeProject } from "@/features/auth";
import { getRefinement } from "@/features/programs";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** GET: a refinement's status, error, cost, candidate version and before/after dev metrics. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ projectId: string; programId: string; refinementId: string }> },
): Promise<Response> {
  const { projectId, programId, refinementId } = await params;
  try {
    await authorizeProject(projectId, "read");
    const { base, candidate, ...view } = await getRefinement(projectId, programId, refinementId);
    return Response.json({ ...view, baseVersion: base?.version ?? null, candidateVersion: candidate?.version ?? null });
  } catch (error) {
    return errorResponse(error);
  }
}
