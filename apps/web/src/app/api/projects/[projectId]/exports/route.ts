import { formatZodIssues } from "@alchemist/engine";
import { z } from "zod";
import { ExportFormat } from "@alchemist/jobs";
import { authorizeProject } from "@/features/auth";
import { listExports, startExport } from "@/features/exports";
import { AppError } from "@/lib/app-error";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

const Body = z.object({ runId: z.string().min(1).max(64), format: ExportFormat }).strict();

/** POST `{runId, format}`: queues an export; answers 202 with its id and the download URL (ready once the job succeeds). */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    const actor = await authorizeProject(projectId, "read");
    const body = Body.safeParse(await request.json().catch(() => null));
    if (!body.success) throw new AppError("BAD_REQUEST", formatZodIssues(body.error, { root: "body" }));
    const { exportId, jobId } = await startExport({ projectId, ...body.data }, actor.userId);
    return Response.json({ exportId, jobId, downloadUrl: `/api/projects/${projectId}/exports/${exportId}` }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** GET: the project's exports (newest first) with status, progress and, when done, the file's name and size. */
export async function GET(_request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    await authorizeProject(projectId, "read");
    return Response.json({ exports: await listExports(projectId) });
  } catch (error) {
    return errorResponse(error);
  }
}
