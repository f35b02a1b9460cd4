import { authorizeProject } from "@/features/auth";
import { readModelView } from "@/features/train";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** One trained model (status, loss curve so far, test metrics; no bytes): the Train page polls it while it trains. */
export async function GET(_request: Request, { params }: { params: Promise<{ projectId: string; modelId: string }> }): Promise<Response> {
  const { projectId, modelId } = await params;
  try {
    await authorizeProject(projectId, "read");
    return Response.json({ model: await readModelView(projectId, modelId) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
