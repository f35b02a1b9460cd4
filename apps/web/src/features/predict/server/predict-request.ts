import "server-only";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { predictResultResponse } from "./open-predict-result";
import { startPredict } from "./start-predict";

/** Longest a predict request holds the connection before answering 202 with the job id. */
const WAIT_MS = 60_000;

/**
 * `POST /api/projects/[projectId]/predict` (multipart: `model`, `data`, optional `format`,
 * `idField`): labels the rows and answers the labels file, or 202 `{ jobId, resultUrl }` when the
 * job outlasts the wait. The body is bounded by its Content-Length before it is parsed.
 *
 * @example
 * const actor = await authorizeProject(projectId, "read");
 * return predictRequest(projectId, request, actor.userId);
 */
export async function predictRequest(projectId: string, request: Request, actorId: string): Promise<Response> {
  const { UPLOAD_MAX_BYTES } = getEnv();
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!Number.isFinite(declared)) throw new AppError("BAD_REQUEST", "the request needs a Content-Length header (send the files as multipart/form-data)");
  // Two files plus multipart framing; each file is checked against the limit again on its own.
  if (declared > 2 * UPLOAD_MAX_BYTES + 64 * 1024)
    throw new AppError("TOO_LARGE", `the request is ${(declared / 2 ** 20).toFixed(1)} MiB; each file may be ${(UPLOAD_MAX_BYTES / 2 ** 20).toFixed(1)} MiB`);
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data"))
    throw new AppError("BAD_REQUEST", "send the files as multipart/form-data with fields model and data");
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    throw new AppError("BAD_REQUEST", `the multipart body could not be read: ${(error as Error).message}`);
  }
  const outcome = await startPredict(projectId, form, WAIT_MS, actorId);
  const resultUrl = `/api/projects/${projectId}/jobs/${outcome.jobId}/result`;
  if (outcome.state === "running")
    return Response.json({ jobId: outcome.jobId, status: "running", resultUrl }, { status: 202, headers: { location: resultUrl } });
  const { rows, classNames, counts } = outcome.result;
  return predictResultResponse(projectId, outcome.jobId, {
    "x-rows": String(rows),
    "x-class-counts": JSON.stringify(Object.fromEntries(classNames.map((c, i) => [c, counts[i]]))),
  });
}
