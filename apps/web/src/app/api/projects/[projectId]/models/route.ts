import { formatZodIssues } from "@alchemist/engine";
import { z } from "zod";
import { authorizeProject } from "@/features/auth";
import { startTraining } from "@/features/train";
import { AppError } from "@/lib/app-error";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

const Body = z.object({ runId: z.string().min(1).max(64), epochs: z.number().int().min(1).max(200).optional() }).strict();

/** Starts training a model from a finished run: `{"runId": "...", "epochs": 30}` -> 202 `{modelId, jobId}`. */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    const actor = await authorizeProject(projectId, "edit");
    const parsed = Body.safeParse(await request.json().catch(() => null));
    if (!parsed.success) throw new AppError("BAD_REQUEST", `body: ${formatZodIssues(parsed.error, { root: "body" })}`);
    const body = parsed.data;
    return Response.json(await startTraining({ projectId, runId: body.runId, actorId: actor.userId, ...(body.epochs ? { epochs: body.epochs } : {}) }), {
      status: 202,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
