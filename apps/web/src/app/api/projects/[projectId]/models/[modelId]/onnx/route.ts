import { authorizeProject } from "@/features/auth";
import { onnxDownloadResponse } from "@/features/train";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** Downloads a finished model as `model-<date>-<id>.onnx` (feature spec and class names in its metadata). */
export async function GET(_request: Request, { params }: { params: Promise<{ projectId: string; modelId: string }> }): Promise<Response> {
  const { projectId, modelId } = await params;
  try {
    await authorizeProject(projectId, "read");
    return await onnxDownloadResponse(projectId, modelId);
  } catch (error) {
    return errorResponse(error);
  }
}
