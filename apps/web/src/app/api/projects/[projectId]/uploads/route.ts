import { saveUpload } from "@/features/datasets/server/save-upload";
import { authorizeProject } from "@/features/auth/server/authorize";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** POST the raw file as the body, `?fileName=sms.csv`; answers the preview JSON. */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  const fileName = new URL(request.url).searchParams.get("fileName") ?? "";
  const length = request.headers.get("content-length");
  try {
    const actor = await authorizeProject(projectId, "edit");
    return Response.json(await saveUpload(projectId, fileName, request.body, length ? Number(length) : null, actor.userId));
  } catch (error) {
    return errorResponse(error);
  }
}
