import { formatZodIssues } from "@alchemist/engine";
import { z } from "zod";
import { authorizeProject } from "@/features/auth";
import { QueueParams, ReviewInput, getReviewQueue, submitReview } from "@/features/review";
import { AppError } from "@/lib/app-error";
import { errorResponse } from "@/lib/error-response";

export const dynamic = "force-dynamic";

/** One page of the review queue: `?order=uncertainty|conflict&split=DEV&gold=any|none&cursor=N` (20 rows, `nextCursor`); 202 with `job` while the order is being computed. */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    const actor = await authorizeProject(projectId, "read");
    const url = new URL(request.url);
    const parsed = QueueParams.safeParse(Object.fromEntries(url.searchParams));
    if (!parsed.success) throw new AppError("BAD_REQUEST", formatZodIssues(parsed.error));
    const view = await getReviewQueue(projectId, parsed.data, actor.userId);
    // "computing": the order's job is queued or running (`job`); poll this or the jobs API.
    return Response.json(
      {
        status: view.status,
        order: view.kind,
        fallback: view.fallback,
        stale: view.stale,
        job: view.pending?.job ?? null,
        classes: view.classes,
        gold: view.gold,
        rows: view.items,
        nextCursor: view.nextCursor,
      },
      { status: view.status === "computing" ? 202 : 200, headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

const Body = z
  .object({
    rowId: z.string().min(1).max(100),
    label: z.number().int().min(0).max(10_000),
    comment: z.string().max(5000).optional(),
    correct: z.boolean().optional(),
    reason: z.string().max(1000).optional(),
  })
  .strict();

/**
 * Labels a row (reviewers and above): `{ rowId, label, comment?, correct?, reason? }`; the label
 * becomes the row's gold. A label that changes the row's existing gold answers 409 unless
 * `correct: true` (an audited correction, `reason` kept in the audit log).
 */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  const { projectId } = await params;
  try {
    const actor = await authorizeProject(projectId, "review");
    const body = Body.safeParse(await request.json().catch(() => null));
    if (!body.success)
      throw new AppError("BAD_REQUEST", `expected {rowId, label, comment?, correct?, reason?}: ${formatZodIssues(body.error, { root: "body" })}`);
    const input = ReviewInput.parse({ projectId, ...body.data });
    return Response.json(await submitReview(input, actor));
  } catch (error) {
    return errorResponse(error);
  }
}
