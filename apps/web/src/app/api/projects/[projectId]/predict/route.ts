import { predictRequest } from "@/features/predict/server/predict-request";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** Multipart `model` (.onnx) + `data` (.csv/.tsv/.jsonl), optional `format` = csv | jsonl: answers the labels file (or 202 + job id). */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    return await predictRequest(projectId, request);
  } catch (error) {
    return errorResponse(error);
  }
}
