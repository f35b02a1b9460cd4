import { authorizeProject } from "@/features/auth/server/authorize";
import { getRunDiffPage } from "@/features/runs/server/get-run-diff-page";
import { parseDiffQuery } from "@/features/runs/run-summary";
import { AppError } from "@/lib/app-error";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** `?a=<run>&b=<run>`: the cached diff of two runs (program changes, rows that changed label and the programs that drove them). */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    await authorizeProject(projectId, "read");
    const search = new URL(request.url).searchParams;
    const query = parseDiffQuery({ a: search.get("a") ?? undefined, b: search.get("b") ?? undefined });
    if (!query.ok) throw new AppError("BAD_REQUEST", query.error);
    const { diff, classNames, sampleRows } = await getRunDiffPage(projectId, query.a, query.b);
    return Response.json({ diff, classNames, sampleRows }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
