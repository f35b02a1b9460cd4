import { authorizeProject } from "@/features/auth";
import { getBatchStats } from "@/features/review";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** Agreement statistics of a review batch (percent agreement, Cohen's kappa per pair, Fleiss' kappa, reviewers vs programs). */
export async function GET(_request: Request, { params }: { params: Promise<{ projectId: string; batchId: string }> }): Promise<Response> {
  const { projectId, batchId } = await params;
  try {
    await authorizeProject(projectId, "read");
    const stats = await getBatchStats(projectId, batchId);
    return Response.json({ ...stats, batch: stats.batch }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
