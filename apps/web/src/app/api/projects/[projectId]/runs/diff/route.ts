import { authorizeProject } from "@/features/auth";
import { getRunDiffPage } from "@/features/runs";
import { parseDiffQuery } from "@/features/runs/client";
import { AppError } from "@/lib/app-error";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/**
 * `?a=<run>&b=<run>`: the stored diff of two runs (program changes, rows that changed label and
 * the programs that drove them); 202 `{ status: "computing", job }` while its job computes it.
 */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    const actor = await authorizeProject(projectId, "read");
    const search = new URL(request.url).searchParams;
    const query = parseDiffQuery({ a: search.get("a") ?? undefined, b: search.get("b") ?? undefined });
    if (!query.ok) throw new AppError("BAD_REQUEST", query.error);
    const data = await getRunDiffPage(projectId, query.a, query.b, actor.userId);
    if (data.status === "computing") {
      if (!data.pending.job) throw new AppError("UNAVAILABLE", data.pending.error);
      return Response.json({ status: "computing", job: data.pending.job }, { status: 202, headers: { "cache-control": "no-store" } });
    }
    const { diff, classNames, sampleRows } = data;
    return Response.json({ status: "ready", diff, classNames, sampleRows }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
