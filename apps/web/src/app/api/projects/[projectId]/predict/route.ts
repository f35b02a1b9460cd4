import { predictRequest } from "@/features/predict";
import { authorizeProject } from "@/features/auth";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** Multipart `model` (.onnx) + `data` (.csv/.tsv/.jsonl), optional `format` = csv | jsonl: answers the labels file (or 202 + job id). */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    const actor = await authorizeProject(projectId, "read");
    return await predictRequest(projectId, request, actor.userId);
  } catch (error) {
    return errorResponse(error);
  }
}
