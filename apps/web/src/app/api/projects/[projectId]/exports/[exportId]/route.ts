import { authorizeProject } from "@/features/auth";
import { openExportDownload } from "@/features/exports";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** GET: downloads a finished export's file (409 while it runs or after it failed). */
export async function GET(_request: Request, { params }: { params: Promise<{ projectId: string; exportId: string }> }): Promise<Response> {
  const { projectId, exportId } = await params;
  try {
    await authorizeProject(projectId, "read");
    return await openExportDownload(projectId, exportId);
  } catch (error) {
    return errorResponse(error);
  }
}
