import { formatZodIssues } from "@alchemist/engine";
import { authorizeProject } from "@/features/auth";
import { RefineInput, startRefinement } from "@/features/programs";
import { AppError } from "@/lib/app-error";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

const Body = RefineInput.omit({ projectId: true, programId: true }).strict();

/** POST `{instruction, provider, model}`: asks the LLM to change the program; 202 with the refinement id to poll. */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string; programId: string }> }): Promise<Response> {
  const { projectId, programId } = await params;
  try {
    const actor = await authorizeProject(projectId, "edit");
    const body = Body.safeParse(await request.json().catch(() => null));
    if (!body.success) throw new AppError("BAD_REQUEST", formatZodIssues(body.error, { root: "body" }));
    const refinement = await startRefinement({ projectId, programId, ...body.data }, actor.userId);
    return Response.json(
      { refinementId: refinement.id, status: refinement.status, url: `/api/projects/${projectId}/programs/${programId}/refinements/${refinement.id}` },
      { status: 202 },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
