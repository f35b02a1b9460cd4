import { getAnalysisPage } from "@/features/analysis";
import { parseAnalysisSearch } from "@/features/analysis/client";
import { AppError } from "@/lib/app-error";
import { authorizeProject } from "@/features/auth";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/**
 * One page of analysis click-through rows as JSON: `?run=ID&view=fires&p=0&page=1` (or
 * `view=pair-conflict&a=0&b=1`); the total comes from the run's stored snapshot.
 */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    await authorizeProject(projectId, "read");
    const search = parseAnalysisSearch(Object.fromEntries(new URL(request.url).searchParams));
    if (!search.click)
      throw new AppError("BAD_REQUEST", "view must be fires, conflicts or wrong-on-dev with p=N, or pair-overlap / pair-conflict with a=N&b=N");
    const data = await getAnalysisPage(projectId, search);
    if (!data.clickThrough) throw new AppError("NOT_FOUND", "this project has no analysed run");
    const { rows, page, total, pages, hasNext } = data.clickThrough;
    return Response.json({ runId: data.run!.id, rows, page: page + 1, total, pages, hasNext }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
